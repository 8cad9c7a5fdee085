// The example app: where the card server lives. Replace `server` with your
// own HTTPS origin (and add it to the mini-program's request domain list).
App({
  globalData: {
    server: 'https://example.com/wxcard-demo',
  },
});
