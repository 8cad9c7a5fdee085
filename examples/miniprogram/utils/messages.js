// Readable messages for the error codes of the card wrappers.

const MESSAGES = {
  CANCELLED: '已取消 (cancelled)',
  PERMISSION_DENIED: '没有权限 (permission denied): 检查小程序认证和公众号绑定',
  UNSUPPORTED: '当前环境不支持 (unsupported)',
  TIMEOUT: '微信没有响应 (timeout)',
  WX_FAIL: '微信返回失败 (WeChat failed)',
};

function describe(error) {
  const base = MESSAGES[error && error.code] || '出错了 (error)';
  const detail = error && (error.errMsg || error.reason || error.message);
  return detail ? base + ': ' + detail : base;
}

module.exports = { describe };
