//! A small static HTTP server for the demo and the browser tests (std only).
//!
//! `/pkg/*` is served from `pkg/`, everything else from `www-demo/`; a path ending in `/` serves
//! its `index.html`. GET and HEAD only, one request per connection, no directory listings, and
//! no path escapes the two roots (`..`, dotfiles, backslashes, NUL and symlinks out are refused).
//! `PORT` picks the port (default 8080; `0` = any free port). The line
//! `wxcard demo: http://127.0.0.1:<port>/` is printed (and flushed) once the socket listens.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::cmd::XResult;
use crate::fail;

/// Default port when `PORT` is not set.
const DEFAULT_PORT: u16 = 8080;
/// Longest request head we read.
const MAX_HEAD: usize = 16 * 1024;

/// Where each URL prefix is served from.
#[derive(Debug, Clone)]
pub struct Roots {
    /// Directory for `/pkg/*`.
    pub pkg: PathBuf,
    /// Directory for everything else.
    pub site: PathBuf,
}

/// Binds `127.0.0.1:$PORT` and serves forever.
pub fn run(root: &Path) -> XResult {
    let port = match std::env::var("PORT") {
        Ok(text) => text
            .trim()
            .parse::<u16>()
            .map_err(|_| fail!("PORT must be a port number (0-65535), got {text:?}"))?,
        Err(_) => DEFAULT_PORT,
    };
    let roots = Roots {
        pkg: root.join("pkg"),
        site: root.join("www-demo"),
    };
    if !roots.pkg.join("package.json").is_file() {
        eprintln!(
            "warning: pkg/ is not built; /pkg/* will 404 (run `cargo xtask demo` or `cargo xtask build`)"
        );
    }
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| fail!("cannot listen on 127.0.0.1:{port}: {e} (set PORT to another port)"))?;
    let actual = listener.local_addr()?.port();
    println!("wxcard demo: http://127.0.0.1:{actual}/");
    std::io::stdout().flush()?;
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let roots = roots.clone();
        std::thread::spawn(move || {
            // A failed write means the client went away; nothing to report.
            let _ = handle(stream, &roots);
        });
    }
    Ok(())
}

/// Serves one request on `stream`.
fn handle(mut stream: TcpStream, roots: &Roots) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let head = read_head(&stream)?;
    let Some((method, target)) = request_line(&head) else {
        return respond(
            &mut stream,
            400,
            "text/plain; charset=utf-8",
            b"bad request\n",
            true,
        );
    };
    let with_body = method == "GET";
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            405,
            "text/plain; charset=utf-8",
            b"method not allowed\n",
            true,
        );
    }
    match resolve(roots, target) {
        Some(file) => match fs::read(&file) {
            Ok(body) => respond(&mut stream, 200, content_type(&file), &body, with_body),
            Err(_) => respond(
                &mut stream,
                404,
                "text/plain; charset=utf-8",
                b"not found\n",
                with_body,
            ),
        },
        None => respond(
            &mut stream,
            404,
            "text/plain; charset=utf-8",
            b"not found\n",
            with_body,
        ),
    }
}

/// Reads the request head (up to the blank line, at most [`MAX_HEAD`] bytes).
fn read_head(stream: &TcpStream) -> std::io::Result<String> {
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
        head.push_str(&line);
        if head.len() > MAX_HEAD {
            break;
        }
    }
    Ok(head)
}

/// Writes a complete response and closes the connection.
fn respond(
    stream: &mut TcpStream,
    status: u16,
    kind: &str,
    body: &[u8],
    with_body: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        body.len()
    );
    if status == 405 {
        head.push_str("Allow: GET, HEAD\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if with_body {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// `(method, target)` from the first line of a request head.
fn request_line(head: &str) -> Option<(&str, &str)> {
    let mut parts = head.lines().next()?.split_whitespace();
    let method = parts.next()?;
    let target = parts.next()?;
    parts.next().filter(|v| v.starts_with("HTTP/"))?;
    Some((method, target))
}

/// The file a request target maps to, or `None` (→ 404) if it is outside the roots or missing.
pub fn resolve(roots: &Roots, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next()?;
    let path = percent_decode(path)?;
    let rest = path.strip_prefix('/')?;
    let (base, rest) = match rest.strip_prefix("pkg/") {
        Some(inside) => (&roots.pkg, inside),
        None if rest == "pkg" => return None,
        None => (&roots.site, rest),
    };
    let mut file = base.clone();
    for segment in rest.split('/') {
        // `..` and dotfiles are refused, as are separators other than `/`.
        if (segment.starts_with('.') && segment != ".") || segment.contains(['\\', '\0']) {
            return None;
        }
        if !segment.is_empty() && segment != "." {
            file.push(segment);
        }
    }
    if rest.is_empty() || rest.ends_with('/') || file.is_dir() {
        file.push("index.html");
    }
    let canonical = file.canonicalize().ok()?;
    let base = base.canonicalize().ok()?;
    (canonical.starts_with(&base) && canonical.is_file()).then_some(canonical)
}

/// Decodes `%XX` escapes; `None` for malformed escapes or non-UTF-8 results.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `Content-Type` for a file, by extension.
pub fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" | "cjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json; charset=utf-8",
        "wasm" => "application/wasm",
        "ts" | "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch tree per test (tests run in parallel): `pkg/`, `site/` and a file outside both.
    fn fixture(test: &str) -> (Roots, PathBuf) {
        let dir = std::env::temp_dir().join(format!("wxcard-serve-{test}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let roots = Roots {
            pkg: dir.join("pkg"),
            site: dir.join("site"),
        };
        fs::create_dir_all(roots.pkg.join("dist")).unwrap();
        fs::create_dir_all(roots.site.join("js")).unwrap();
        fs::write(roots.pkg.join("dist/x_bg.wasm"), b"\0asm").unwrap();
        fs::write(roots.site.join("index.html"), "<h1>hi</h1>").unwrap();
        fs::write(roots.site.join("js/ui.js"), "export {}").unwrap();
        fs::write(dir.join("secret.txt"), "no").unwrap();
        (roots, dir)
    }

    #[test]
    fn routes_pkg_and_site_and_index() {
        let (roots, dir) = fixture("routes");
        let site = roots.site.canonicalize().unwrap();
        let pkg = roots.pkg.canonicalize().unwrap();
        assert_eq!(resolve(&roots, "/"), Some(site.join("index.html")));
        assert_eq!(resolve(&roots, "/?q=1"), Some(site.join("index.html")));
        assert_eq!(resolve(&roots, "/js/ui.js#x"), Some(site.join("js/ui.js")));
        assert_eq!(
            resolve(&roots, "/pkg/dist/x_bg.wasm"),
            Some(pkg.join("dist/x_bg.wasm"))
        );
        assert_eq!(resolve(&roots, "/%6As/ui.js"), Some(site.join("js/ui.js")));
        assert_eq!(resolve(&roots, "/missing.js"), None);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn refuses_traversal() {
        let (roots, dir) = fixture("traversal");
        for bad in [
            "/../secret.txt",
            "/pkg/../secret.txt",
            "/pkg/..%2Fsecret.txt",
            "/%2e%2e/secret.txt",
            "/js/..%5C..%5Csecret.txt",
            "/%00",
            "/%zz",
            "relative",
            "/pkg",
        ] {
            assert_eq!(resolve(&roots, bad), None, "{bad}");
        }
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type(Path::new("a/b.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("a.mjs")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("a.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("x.br")), "application/octet-stream");
    }

    #[test]
    fn request_lines() {
        assert_eq!(
            request_line("GET /a HTTP/1.1\r\nHost: x\r\n"),
            Some(("GET", "/a"))
        );
        assert_eq!(request_line("GET /a\r\n"), None);
        assert_eq!(request_line(""), None);
    }
}
