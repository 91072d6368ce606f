//! The preview's additions to HTML pages: a live-reload script and, while
//! the last build failed, an overlay with its error. Never in `build`.

/// Where the browser listens for rebuilds (server-sent events).
pub const EVENTS_PATH: &str = "/__briefing/events";

/// How the error overlay looks, in the page the server sends and in the
/// one the script adds to an open page.
macro_rules! overlay_style {
    () => {
        "position:fixed;inset:0;margin:0;padding:2rem;overflow:auto;z-index:2147483647;background:rgba(40,0,0,.94);color:#fff;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap"
    };
}

/// The script: reload on `reload`, swap stylesheets on `css`, show the
/// overlay on `error`. The events URL is built from `location`, so it works
/// on any host, port and path.
const SCRIPT: &str = concat!(
    r#"<script>
(() => {
  const events = new EventSource(new URL("/__briefing/events", location.href));
  const overlay = () => {
    let box = document.getElementById("briefing-error");
    if (!box) {
      box = document.createElement("pre");
      box.id = "briefing-error";
      box.setAttribute("role", "alert");
      box.style.cssText = ""#,
    overlay_style!(),
    r#"";
      document.body.appendChild(box);
    }
    return box;
  };
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("css", () => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set("briefing", Date.now());
      link.href = url.href;
    }
  });
  events.addEventListener("error", (event) => { overlay().textContent = event.data; });
})();
</script>
"#
);

/// `html` with the script (and the overlay, if `error` is set) added before
/// `</body>`.
pub fn inject(html: &[u8], error: Option<&str>) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let at = text.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + SCRIPT.len() + 256);
    out.push_str(&text[..at]);
    if let Some(error) = error {
        out.push_str(concat!(
            r#"<pre id="briefing-error" role="alert" style=""#,
            overlay_style!(),
            r#"">"#
        ));
        out.push_str(&escape(error));
        out.push_str("</pre>\n");
    }
    out.push_str(SCRIPT);
    out.push_str(&text[at..]);
    out.into_bytes()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Removes what [`inject`] added (for tests comparing with `build` output).
pub fn strip(html: &str) -> String {
    let Some(start) = html.find("<script>\n(() => {\n  const events = new EventSource") else {
        return html.to_string();
    };
    let end = html[start..]
        .find("</script>\n")
        .map_or(html.len(), |e| start + e + "</script>\n".len());
    format!("{}{}", &html[..start], &html[end..])
}
