//! Building `dist/` with Trunk, finishing it for strict-CSP hosting anywhere, and measuring
//! what the page downloads.
//!
//! Trunk's loader is an inline script, which a strict CSP forbids, so Trunk.toml turns it off
//! (`inject_scripts = false`) and [`finish`] writes what replaces it: the stable entry module
//! `customer-profile.js` (from `package/`), which loads the content-hashed files with
//! their SRI hashes, plus `.br` and `.gz` files beside every asset, and what makes dist/ an
//! npm package (`crate::package`).

use std::path::{Path, PathBuf};

use base64::Engine;
use sha2::{Digest, Sha384};

use crate::process::{command, run};

/// The entry module's template; `{{…}}` are filled in by [`finish`].
const ENTRY_TEMPLATE: &str = include_str!("../../package/customer-profile.js");
/// The stable entry's name in dist/.
pub const ENTRY: &str = "customer-profile.js";
/// The prefix of the standalone page's copy of the entry, `customer-profile-entry-<hash>.js`:
/// the same module under a content-hashed name, cached as `immutable`, so that a repeat
/// visit runs it straight from the cache instead of waiting for the stable entry's 304.
const PAGE_ENTRY_PREFIX: &str = "customer-profile-entry";

/// `trunk build` (offline, as Trunk.toml says) into `dist/`, then [`finish`].
pub fn build(root: &Path, release: bool) -> Result<(), String> {
    let mut cmd = command("trunk");
    cmd.current_dir(root).arg("build");
    if release {
        cmd.arg("--release");
    }
    run(&mut cmd)?;
    finish(&root.join("dist"), release)
}

/// `sha384-…` of some bytes, as SRI wants it.
pub fn sri(bytes: &[u8]) -> String {
    let digest = Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// Whether `name` is `{prefix}-{16 hex}{suffix}`, Trunk's content-hashed naming.
fn is_hashed(name: &str, prefix: &str, suffix: &str) -> bool {
    name.strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix('-'))
        .and_then(|rest| rest.strip_suffix(suffix))
        // Trunk writes the 64-bit hash in hex without leading zeros: 16 digits or fewer.
        .is_some_and(|hash| {
            (1..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
        })
}

/// `{prefix}-{hash}{suffix}`, the hash the first 8 bytes of the SHA-384 of `bytes` in hex.
pub fn content_name(prefix: &str, bytes: &[u8], suffix: &str) -> String {
    let digest = Sha384::digest(bytes);
    let hash: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("{prefix}-{hash}{suffix}")
}

/// Renames dist/`name` to `{prefix}-{hash}{suffix}`, the hash (16 hex digits, as Trunk's)
/// of its bytes as they are now; gives the new name.
fn name_by_content(dist: &Path, name: &str, prefix: &str, suffix: &str) -> Result<String, String> {
    let bytes =
        std::fs::read(dist.join(name)).map_err(|e| format!("cannot read dist/{name}: {e}"))?;
    let named = content_name(prefix, &bytes, suffix);
    if named != name {
        std::fs::rename(dist.join(name), dist.join(&named))
            .map_err(|e| format!("cannot rename dist/{name} to {named}: {e}"))?;
    }
    Ok(named)
}

/// The one file of dist/ named `{prefix}-{hash}{suffix}`.
fn find_hashed(names: &[String], prefix: &str, suffix: &str) -> Result<String, String> {
    let found: Vec<&String> = names
        .iter()
        .filter(|n| is_hashed(n, prefix, suffix))
        .collect();
    match found.as_slice() {
        [one] => Ok((*one).clone()),
        _ => Err(format!(
            "dist/ should hold exactly one {prefix}-<hash>{suffix}, found {found:?}"
        )),
    }
}

/// Writes the entry module and its content-hashed copy, points index.html at the copy, (for
/// a release) minifies the js and css and precompresses every asset, and writes the
/// package's declarations, manifest and package.json ([`crate::package`]).
pub fn finish(dist: &Path, release: bool) -> Result<(), String> {
    let read = |name: &str| {
        std::fs::read(dist.join(name)).map_err(|e| format!("cannot read dist/{name}: {e}"))
    };
    let names: Vec<String> = std::fs::read_dir(dist)
        .map_err(|e| format!("cannot list {}: {e}", dist.display()))?
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    let trunk_js = find_hashed(&names, "customer-profile", ".js")?;
    let trunk_wasm = find_hashed(&names, "customer-profile", "_bg.wasm")?;
    let trunk_css = find_hashed(&names, "main", ".css")?;
    // Trunk put the css's SRI into index.html: it follows the minified file.
    let trunk_css_sri = sri(&read(&trunk_css)?);
    if release {
        shorten_names(dist, &trunk_wasm, &trunk_js)?;
        minify(&dist.join(&trunk_js))?;
        minify(&dist.join(&trunk_css))?;
    }
    // Trunk's hashes are of the cargo build's wasm and of the css source, not of the files
    // served: a new wasm-bindgen, wasm-opt setting or minifier would change a file under the
    // same name, which browsers cache as `immutable`. Each is named after its final bytes.
    let wasm = name_by_content(dist, &trunk_wasm, "customer-profile", "_bg.wasm")?;
    let glue = String::from_utf8(read(&trunk_js)?).map_err(|_| "the wasm glue is not UTF-8")?;
    std::fs::write(dist.join(&trunk_js), glue_naming(&glue, &wasm)?)
        .map_err(|e| format!("cannot write dist/{trunk_js}: {e}"))?;
    let js = name_by_content(dist, &trunk_js, "customer-profile", ".js")?;
    let css = name_by_content(dist, &trunk_css, "main", ".css")?;

    let catalogues = write_catalogues(dist)?;
    let intl_worker = write_intl_worker(dist, release)?;
    let style = write_style_module(dist, &css)?;
    let entry = ENTRY_TEMPLATE
        .replace("{{CATALOGUES}}", &catalogues.entry_map)
        .replace("{{INTL_WORKER}}", &intl_worker)
        .replace("{{START_FAILED}}", &catalogues.start_failed)
        .replace("{{JS}}", &js)
        .replace("{{STYLE}}", &style)
        .replace("{{WASM}}", &wasm)
        .replace("{{WASM_SRI}}", &sri(&read(&wasm)?));
    if let Some(left) = entry.find("{{") {
        let name: String = entry[left..].chars().take(24).collect();
        return Err(format!("package/{ENTRY}: {name}… is not filled in"));
    }
    std::fs::write(dist.join(ENTRY), &entry).map_err(|e| format!("cannot write the entry: {e}"))?;
    if release {
        minify(&dist.join(ENTRY))?;
    }
    let entry_bytes = read(ENTRY)?;
    let page_entry = content_name(PAGE_ENTRY_PREFIX, &entry_bytes, ".js");
    std::fs::write(dist.join(&page_entry), &entry_bytes)
        .map_err(|e| format!("cannot write dist/{page_entry}: {e}"))?;

    let html = String::from_utf8(read("index.html")?).map_err(|_| "index.html is not UTF-8")?;
    // Trunk's integrity for the css must be there to be replaced, or the browser would
    // refuse the minified file on the standalone page.
    if release && !html.contains(&trunk_css_sri) {
        return Err(format!(
            "index.html has no integrity {trunk_css_sri} for {css}: cannot update it"
        ));
    }
    let html = html
        .replace(&trunk_css_sri, &sri(&read(&css)?))
        .replace(&trunk_css, &css);
    let (js_sri, wasm_sri) = (sri(&read(&js)?), sri(&read(&wasm)?));
    let html = point_at_entry(
        &html,
        Preload {
            name: &js,
            sri: &js_sri,
        },
        Preload {
            name: &wasm,
            sri: &wasm_sri,
        },
        Preload {
            name: &page_entry,
            sri: &sri(&entry_bytes),
        },
    )?;
    std::fs::write(dist.join("index.html"), without_comments(&html)?)
        .map_err(|e| format!("cannot write index.html: {e}"))?;

    if release {
        precompress(dist)?;
    }
    crate::package::write(dist)
}

/// The prefix of the style sheet's module, `customer-profile-style-<hash>.js`.
const STYLE_PREFIX: &str = "customer-profile-style";

/// Writes the style sheet (`css`, minified for a release) as a module whose default export is
/// its text, named after its bytes: what the entry gives an editor's shadow root. A module,
/// not a `.css` file: a portal's bundler applies its own CSS rules to a `.css` file (Next.js
/// refuses one from a package), and inlines a small one as a `data:` URL a strict CSP refuses.
fn write_style_module(dist: &Path, css: &str) -> Result<String, String> {
    let text = std::fs::read_to_string(dist.join(css))
        .map_err(|e| format!("cannot read dist/{css}: {e}"))?;
    let name = format!("{STYLE_PREFIX}.js");
    std::fs::write(dist.join(&name), text_module(&text))
        .map_err(|e| format!("cannot write dist/{name}: {e}"))?;
    name_by_content(dist, &name, STYLE_PREFIX, ".js")
}

/// A module whose default export is `text` (a JSON string is a JavaScript string literal).
fn text_module(text: &str) -> String {
    format!("export default {};\n", serde_json::Value::from(text))
}

/// The glue with its default URL of the wasm (`new URL('…_bg.wasm', import.meta.url)`, used
/// only when `init()` is given none, which the entry never does) naming the wasm as served,
/// `./{wasm}`: a bundler resolves every such URL at build time, and wasm-bindgen's default
/// names a file that the package does not hold (webpack stops on it).
fn glue_naming(glue: &str, wasm: &str) -> Result<String, String> {
    let urls: Vec<String> = crate::package::references(glue)
        .into_iter()
        .filter(|r| r.ends_with(".wasm"))
        .collect();
    let [default] = urls.as_slice() else {
        return Err(format!(
            "the wasm glue should name one wasm file, it names {urls:?}: has wasm-bindgen's glue changed shape?"
        ));
    };
    let renamed = glue
        .replace(&format!("'{default}'"), &format!("'./{wasm}'"))
        .replace(&format!("\"{default}\""), &format!("\"./{wasm}\""));
    Ok(renamed)
}

/// The catalogues written into dist/i18n/ by [`write_catalogues`].
struct Catalogues {
    /// `{"fr":()=>import("./i18n/fr-<hash>.js"),…}`, for the entry module.
    entry_map: String,
    /// `{"de":"…","en":"…",…}`: [`START_FAILED`] checked against the catalogues' languages.
    start_failed: String,
}

/// What the customer reads when the app cannot start (its wasm not downloaded, or refused by
/// the page's CSP or an SRI check), in every UI language: the entry module shows it, without
/// the wasm, so it is not in the catalogues (i18n/README.md).
const START_FAILED: &str = include_str!("../../package/start-failed.json");

/// [`START_FAILED`] as one line of JSON for the entry, if it has a non-empty text for each of
/// `langs` and no other language.
fn start_failed_texts(langs: &[String]) -> Result<String, String> {
    let why = "package/start-failed.json";
    let texts: std::collections::BTreeMap<String, String> = serde_json::from_str(START_FAILED)
        .map_err(|e| format!("{why} is not an object of texts: {e}"))?;
    let given: Vec<&String> = texts.keys().collect();
    let mut wanted: Vec<&String> = langs.iter().collect();
    wanted.sort();
    if given != wanted {
        return Err(format!(
            "{why} has the languages {given:?}, i18n/ has {wanted:?}"
        ));
    }
    if let Some((lang, _)) = texts.iter().find(|(_, text)| text.trim().is_empty()) {
        return Err(format!("{why}: the text for {lang} is empty"));
    }
    serde_json::to_string(&texts).map_err(|e| format!("{why}: {e}"))
}

/// The worker that loads the browser's locale data off the main thread (its comment says
/// why), for the entry module.
const INTL_WORKER: &str = include_str!("../../package/intl-warm.js");

/// The worker's name in dist/ before it is named after its bytes (`-<hash>.js`).
const INTL_WORKER_PREFIX: &str = "customer-profile-intl";

/// Writes [`INTL_WORKER`] into dist/, minified for a release, named after its bytes.
fn write_intl_worker(dist: &Path, release: bool) -> Result<String, String> {
    let name = format!("{INTL_WORKER_PREFIX}.js");
    let file = dist.join(&name);
    std::fs::write(&file, INTL_WORKER)
        .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    if release {
        minify(&file)?;
    }
    name_by_content(dist, &name, INTL_WORKER_PREFIX, ".js")
}

/// Where the UI's catalogues are, in the workspace and in dist/: `i18n/`.
const CATALOGUES_DIR: &str = "i18n";

/// Copies the catalogues (`i18n/<lang>.json`) into dist/i18n/: `en.json` as it is (English
/// is built into the wasm; the file is published so that portals see every key they can
/// override), every other language compacted into a module whose default export is its JSON
/// text, content-hashed (`fr-<16 hex>.js`, cached forever, loaded only by those who use it)
/// and named by a literal `import()` in the entry module, which a bundler follows.
fn write_catalogues(dist: &Path) -> Result<Catalogues, String> {
    let source = crate::workspace_root().join(CATALOGUES_DIR);
    let target = dist.join(CATALOGUES_DIR);
    if target.exists() {
        std::fs::remove_dir_all(&target).map_err(|e| format!("cannot clear dist/i18n: {e}"))?;
    }
    std::fs::create_dir_all(&target).map_err(|e| format!("cannot create dist/i18n: {e}"))?;
    let mut langs: Vec<String> = std::fs::read_dir(&source)
        .map_err(|e| format!("cannot list {}: {e}", source.display()))?
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".json").map(str::to_owned))
        .collect();
    langs.sort();
    let english = std::fs::read(source.join("en.json"))
        .map_err(|e| format!("cannot read i18n/en.json: {e}"))?;
    std::fs::write(target.join("en.json"), &english)
        .map_err(|e| format!("cannot write dist/i18n/en.json: {e}"))?;
    let keys = sorted_keys(&keyed_texts("en", &english)?);
    let mut entries = Vec::new();
    for lang in langs.iter().filter(|l| *l != "en") {
        let bytes = std::fs::read(source.join(format!("{lang}.json")))
            .map_err(|e| format!("cannot read i18n/{lang}.json: {e}"))?;
        let module = text_module(&shipped_catalogue(&keys, &keyed_texts(lang, &bytes)?)?);
        let name = format!(
            "{CATALOGUES_DIR}/{}",
            content_name(lang, module.as_bytes(), ".js")
        );
        std::fs::write(dist.join(&name), &module)
            .map_err(|e| format!("cannot write dist/{name}: {e}"))?;
        entries.push(format!(
            "{}:()=>import({})",
            serde_json::Value::from(lang.as_str()),
            serde_json::Value::from(format!("./{name}")),
        ));
    }
    Ok(Catalogues {
        entry_map: format!("{{{}}}", entries.join(",")),
        start_failed: start_failed_texts(&langs)?,
    })
}

/// The `{ "key": "text" }` object of a translator's catalogue.
fn keyed_texts(
    lang: &str,
    bytes: &[u8],
) -> Result<serde_json::Map<String, serde_json::Value>, String> {
    serde_json::from_slice(bytes).map_err(|e| format!("i18n/{lang}.json is not a JSON object: {e}"))
}

/// English's keys, sorted: the order of the app's `Catalogue::KEYS` (a native test there
/// checks that they are sorted).
fn sorted_keys(english: &serde_json::Map<String, serde_json::Value>) -> Vec<String> {
    let mut keys: Vec<String> = english.keys().cloned().collect();
    keys.sort_unstable();
    keys
}

/// The shipped form of a catalogue: a JSON array of its texts in the order of `keys`, ""
/// for a key it lacks (the app keeps English's). An array: the wasm reads it as a list of
/// strings, with no JSON-map decoding in the app (see README, Languages).
fn shipped_catalogue(
    keys: &[String],
    texts: &serde_json::Map<String, serde_json::Value>,
) -> Result<String, String> {
    let ordered = keys
        .iter()
        .map(|key| match texts.get(key) {
            None => Ok(""),
            Some(serde_json::Value::String(text)) => Ok(text.as_str()),
            Some(_) => Err(format!("i18n: `{key}` is not a string")),
        })
        .collect::<Result<Vec<&str>, String>>()?;
    serde_json::to_string(&ordered).map_err(|e| e.to_string())
}

/// Minifies a js or css file in place with esbuild (installed by xtask from npm): the
/// wasm-bindgen glue goes from 45 to 21 KB, 1.9 KB less after brotli.
fn minify(file: &Path) -> Result<(), String> {
    run(command("esbuild")
        .arg(file)
        .args(["--minify", "--log-level=warning", "--allow-overwrite"])
        .arg(format!("--outfile={}", file.display())))
}

/// Gives the wasm's imports from its glue and the exports the glue calls short names, in
/// both files ([`crate::boundary`]), before esbuild minifies the glue (which keeps them).
/// None renamed means wasm-bindgen's glue has changed shape: the build stops rather than
/// lose the saving unnoticed.
fn shorten_names(dist: &Path, wasm: &str, glue: &str) -> Result<(), String> {
    let (wasm, glue) = (dist.join(wasm), dist.join(glue));
    let bytes = std::fs::read(&wasm).map_err(|e| format!("cannot read {}: {e}", wasm.display()))?;
    let text = std::fs::read_to_string(&glue)
        .map_err(|e| format!("cannot read {}: {e}", glue.display()))?;
    let short = crate::boundary::shorten(&bytes, &text)?;
    if short.imports == 0 || short.exports == 0 {
        return Err(format!(
            "{} renamed {} imports and {} exports of {}: has wasm-bindgen's glue changed shape?",
            glue.display(),
            short.imports,
            short.exports,
            wasm.display()
        ));
    }
    // A name given twice, or a section copied wrong, would only fail in the browser.
    wasmparser::validate(&short.wasm)
        .map_err(|e| format!("the wasm with short names is not valid: {e}"))?;
    std::fs::write(&wasm, short.wasm)
        .map_err(|e| format!("cannot write {}: {e}", wasm.display()))?;
    std::fs::write(&glue, short.glue).map_err(|e| format!("cannot write {}: {e}", glue.display()))
}

/// A hashed file that index.html preloads, with its SRI.
struct Preload<'a> {
    name: &'a str,
    sri: &'a str,
}

/// Removes Trunk's leftover `<link data-trunk rel="rust" …>` and replaces the entry's
/// `<script>` with preloads of the hashed JS and of the wasm (so that the wasm downloads
/// while the JS does, not after the entry has run) and the entry's content-hashed copy
/// `entry`, all with SRI.
fn point_at_entry(
    html: &str,
    js: Preload,
    wasm: Preload,
    entry: Preload,
) -> Result<String, String> {
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(start) = rest.find("<link data-trunk rel=\"rust\"") {
        let end = rest[start..]
            .find('>')
            .map(|e| start + e + 1)
            .ok_or("unterminated rust link in index.html")?;
        out.push_str(&rest[..start]);
        rest = &rest[end..];
    }
    out.push_str(rest);
    let tag = format!("<script type=\"module\" src=\"./{ENTRY}\"></script>");
    if !out.contains(&tag) {
        return Err(format!("index.html must contain {tag}"));
    }
    // The wasm preload matches the entry's `fetch(url, { integrity })`: a CORS-mode fetch
    // with the same integrity, so the browser hands the preloaded answer over.
    let replacement = format!(
        "<link rel=\"modulepreload\" href=\"./{}\" crossorigin=\"anonymous\" integrity=\"{}\">\n  \
         <link rel=\"preload\" href=\"./{}\" as=\"fetch\" crossorigin=\"anonymous\" integrity=\"{}\">\n  \
         <script type=\"module\" src=\"./{}\" crossorigin=\"anonymous\" integrity=\"{}\"></script>",
        js.name, js.sri, wasm.name, wasm.sri, entry.name, entry.sri
    );
    Ok(out.replace(&tag, &replacement))
}

/// The page without its comments and the lines they (or Trunk's removed tags) leave blank:
/// they are for whoever edits `index.html`, and every byte of the page is on a first visit's
/// path. Written by hand: the page is ours (no comment inside a script, a style or an
/// attribute value), and no HTML minifier is among the packages this project can use.
fn without_comments(html: &str) -> Result<String, String> {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        let end = rest[start..]
            .find("-->")
            .map(|e| start + e + "-->".len())
            .ok_or("unterminated comment in index.html")?;
        text.push_str(&rest[..start]);
        rest = &rest[end..];
    }
    text.push_str(rest);
    let mut page: String = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    page.push('\n');
    Ok(page)
}

/// Writes `x.br` (brotli -q 11) and `x.gz` (gzip -9) beside every html, js, wasm, css and
/// json file.
fn precompress(dist: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    collect(dist, &mut files);
    for file in files
        .iter()
        .filter(|f| is_loaded(&f.to_string_lossy()) || f.extension().is_some_and(|e| e == "json"))
    {
        compress_beside(file)?;
    }
    Ok(())
}

/// Writes `file.br` (brotli -q 11) and `file.gz` (gzip -9) beside `file`: also what the
/// bench does to a rival build, so that both are served alike.
pub(crate) fn compress_beside(file: &Path) -> Result<(), String> {
    run(command("brotli").args(["-f", "-q", "11", "-k"]).arg(file))?;
    run(command("gzip").args(["-f", "-9", "-k", "-n"]).arg(file))
}

/// Whether the page loads this file (and so it counts in the size total).
fn is_loaded(name: &str) -> bool {
    [".html", ".js", ".wasm", ".css"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// Size of one file as served: raw, gzip -9 and brotli -q 11.
#[derive(Debug)]
pub struct FileSize {
    pub name: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// Sizes of every file in `dist/` that the standalone page loads, sorted by name. The stable
/// entry is left out when the standalone page's copy of it is there: the same bytes, and a
/// page loads one or the other. Left out too: the catalogues (listed apart: each is loaded
/// only in its language), the style sheet's module (an embedded editor's; the page links
/// the `.css`) and the package's React component.
pub fn sizes(dist: &Path) -> Vec<FileSize> {
    let mut files = Vec::new();
    collect(dist, &mut files);
    files.sort();
    let has_page_entry = files.iter().any(|path| {
        path.parent() == Some(dist)
            && path
                .file_name()
                .is_some_and(|n| is_hashed(&n.to_string_lossy(), PAGE_ENTRY_PREFIX, ".js"))
    });
    let stable_entry = dist.join(ENTRY);
    files
        .into_iter()
        .filter(|path| is_loaded(&path.to_string_lossy()))
        .filter(|path| !(has_page_entry && *path == stable_entry))
        .filter(|path| !path.starts_with(dist.join(CATALOGUES_DIR)))
        .filter(|path| *path != dist.join(crate::package::REACT_COMPONENT))
        .filter(|path| {
            !path
                .file_name()
                .is_some_and(|n| is_hashed(&n.to_string_lossy(), STYLE_PREFIX, ".js"))
        })
        .filter_map(|path| {
            let raw = std::fs::metadata(&path).ok()?.len();
            let name = path.strip_prefix(dist).ok()?.display().to_string();
            Some(FileSize {
                name,
                raw,
                gzip: compressed_len(&path, "gz", "gzip", &["-c", "-9"]),
                brotli: compressed_len(&path, "br", "brotli", &["-c", "-q", "11"]),
            })
        })
        .collect()
}

/// Compressed size of `file`: its precompressed sibling `file.{ext}` when the build wrote one
/// (same settings), else the length of `program args file`'s output (0 when that fails).
fn compressed_len(file: &Path, ext: &str, program: &str, args: &[&str]) -> u64 {
    let mut sibling = file.as_os_str().to_owned();
    sibling.push(format!(".{ext}"));
    if let Ok(meta) = std::fs::metadata(&sibling) {
        return meta.len();
    }
    match command(program).args(args).arg(file).output() {
        Ok(o) if o.status.success() => o.stdout.len() as u64,
        _ => 0,
    }
}

/// Every file under `dir`, recursively.
pub(crate) fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The most the page may transfer (brotli, html + js + wasm + css), in bytes: the total
/// last measured (issue 13's idiomatic rewrite 192 409; issue 14's embedding 199 696; issue
/// 15's seven languages 206 939; issue 16's early GET and start-up work 208 943, then its
/// non-generic field shell and `wasm-opt`'s inlining limits 205 378, then `wasm-opt`'s
/// function order by name and its low-memory assumption 203 848, the page without its
/// comments 203 788, short names on the wasm's boundary 199 162, no custom sections
/// 198 924) plus 2 KB,
/// so that nothing grows it unnoticed; it follows every saving down (README, Performance).
/// A size is deterministic, so it is a test.
pub const BUDGET_BROTLI: u64 = 200_972;

/// How a build's total compares with the budget.
#[derive(Debug, PartialEq, Eq)]
pub enum Budget {
    /// At most the budget; `left` bytes to spare.
    Within { total: u64, left: u64 },
    /// Over the budget by `over` bytes.
    Over { total: u64, over: u64 },
}

/// Checks a total brotli size against [`BUDGET_BROTLI`].
pub fn check_budget(total: u64) -> Budget {
    if total <= BUDGET_BROTLI {
        Budget::Within {
            total,
            left: BUDGET_BROTLI - total,
        }
    } else {
        Budget::Over {
            total,
            over: total - BUDGET_BROTLI,
        }
    }
}

/// Prints the size table; the total is what a browser downloads (html, js, wasm, css).
pub fn print_sizes(dist: &Path) {
    let files = sizes(dist);
    println!("\ndist/ sizes in bytes (the .br and .gz files beside them are not listed):");
    println!(
        "{:<48} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    let mut total = (0, 0, 0);
    for f in &files {
        println!(
            "{:<48} {:>10} {:>10} {:>10}",
            f.name, f.raw, f.gzip, f.brotli
        );
        total = (total.0 + f.raw, total.1 + f.gzip, total.2 + f.brotli);
    }
    println!(
        "{:<48} {:>10} {:>10} {:>10}\n",
        "total (html + js + wasm + css)", total.0, total.1, total.2
    );
    let mut catalogues = Vec::new();
    collect(&dist.join(CATALOGUES_DIR), &mut catalogues);
    catalogues.sort();
    println!("catalogues, each loaded only by those who use its language (English is built in):");
    for path in catalogues
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "js"))
    {
        let raw = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let name = path
            .strip_prefix(dist)
            .unwrap_or(path)
            .display()
            .to_string();
        println!(
            "{:<48} {:>10} {:>10} {:>10}",
            name,
            raw,
            compressed_len(path, "gz", "gzip", &["-c", "-9"]),
            compressed_len(path, "br", "brotli", &["-c", "-q", "11"])
        );
    }
    println!();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_served_file_is_named_after_its_own_bytes() {
        let dist = std::env::temp_dir().join(format!("xtask-rehash-{}", std::process::id()));
        std::fs::create_dir_all(&dist).expect("a scratch dir");
        let trunk = "customer-profile-1234abcd_bg.wasm";
        let mut names = Vec::new();
        for bytes in [&b"the same code"[..], b"the same code, optimised otherwise"] {
            std::fs::write(dist.join(trunk), bytes).expect("write");
            let named =
                name_by_content(&dist, trunk, "customer-profile", "_bg.wasm").expect("renamed");
            assert!(is_hashed(&named, "customer-profile", "_bg.wasm"), "{named}");
            assert_eq!(std::fs::read(dist.join(&named)).expect("read"), bytes);
            assert!(!dist.join(trunk).exists(), "the old name is gone");
            names.push(named);
        }
        assert_ne!(names[0], names[1], "other bytes, another name");
        // Named already: left as it is.
        assert_eq!(
            name_by_content(&dist, &names[1], "customer-profile", "_bg.wasm"),
            Ok(names[1].clone())
        );
        let _ = std::fs::remove_dir_all(&dist);
    }

    #[test]
    fn the_size_table_counts_the_entry_once() {
        let dist = std::env::temp_dir().join(format!("xtask-sizes-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dist);
        std::fs::create_dir_all(&dist).expect("a scratch dir");
        let listed =
            |dist: &Path| -> Vec<String> { sizes(dist).into_iter().map(|f| f.name).collect() };
        for (name, text) in [
            ("index.html", "<html>"),
            (ENTRY, "export const ready = 1;"),
            ("customer-profile-0123456789abcdef.js", "glue"),
            ("config.json", "{}"),
            // The package's, which the page does not load: not in the total.
            ("react.js", "export function CustomerProfile() {}"),
            (
                "customer-profile-style-0123456789abcdef.js",
                "export default 'a{}';",
            ),
            ("i18n/fr-0123456789abcdef.js", "export default '[]';"),
        ] {
            std::fs::create_dir_all(dist.join(name).parent().expect("a folder")).expect("dir");
            std::fs::write(dist.join(name), text).expect("write");
        }
        // An older build, without the page's copy: the stable entry is what the page loads.
        assert_eq!(
            listed(&dist),
            ["customer-profile-0123456789abcdef.js", ENTRY, "index.html"]
        );
        let copy = content_name(PAGE_ENTRY_PREFIX, b"export const ready = 1;", ".js");
        std::fs::write(dist.join(&copy), "export const ready = 1;").expect("write");
        let now = listed(&dist);
        assert!(now.contains(&copy), "{now:?}");
        assert!(!now.iter().any(|n| n == ENTRY), "{now:?}");
        assert_eq!(now.len(), 3, "{now:?}");
        let _ = std::fs::remove_dir_all(&dist);
    }

    #[test]
    fn a_shipped_catalogue_is_its_texts_in_the_order_of_the_sorted_english_keys() {
        let map = |json: &str| keyed_texts("xx", json.as_bytes()).expect("an object");
        let keys = sorted_keys(&map(
            r#"{"save": "Save", "discard": "Discard", "yes": "Yes"}"#,
        ));
        assert_eq!(keys, ["discard", "save", "yes"]);
        assert_eq!(
            shipped_catalogue(
                &keys,
                &map(r#"{"yes": "Oui", "save": "Enregistrer", "x": "?"}"#)
            ),
            Ok(r#"["","Enregistrer","Oui"]"#.to_owned())
        );
        assert!(shipped_catalogue(&keys, &map(r#"{"yes": 1}"#)).is_err());
        assert!(keyed_texts("xx", b"[]").is_err());
    }

    #[test]
    fn the_start_failure_is_worded_in_every_ui_language() {
        let source = crate::workspace_root().join(CATALOGUES_DIR);
        let langs: Vec<String> = std::fs::read_dir(&source)
            .expect("i18n/")
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter_map(|n| n.strip_suffix(".json").map(str::to_owned))
            .collect();
        assert!(langs.len() >= 7, "{langs:?}");
        let texts = start_failed_texts(&langs).expect("a text per language");
        assert!(texts.contains(r#""fr":"Votre profil"#), "{texts}");
        // A language added to i18n/ without its text here stops the build.
        let more = [langs.clone(), vec!["sv".to_owned()]].concat();
        assert!(start_failed_texts(&more).unwrap_err().contains("sv"));
        assert!(
            start_failed_texts(&langs[1..]).is_err(),
            "a language too many"
        );
    }

    #[test]
    fn the_page_is_served_without_its_comments_or_blank_lines() {
        let page = concat!(
            "<head>\n",
            "  <!-- why the preload -->\n",
            "  <link rel=\"preload\">\n",
            "  \n",
            "  <!-- one\n",
            "       spread over lines --><title>T</title>\n",
            "</head>\n",
            "<body><noscript>JS</noscript></body>\n",
        );
        assert_eq!(
            without_comments(page).as_deref(),
            Ok(concat!(
                "<head>\n",
                "  <link rel=\"preload\">\n",
                "  <title>T</title>\n",
                "</head>\n",
                "<body><noscript>JS</noscript></body>\n",
            ))
        );
        assert!(without_comments("<head><!-- open").is_err());
    }

    #[test]
    fn the_budget_is_inclusive_and_says_by_how_much() {
        assert_eq!(
            check_budget(BUDGET_BROTLI),
            Budget::Within {
                total: BUDGET_BROTLI,
                left: 0
            }
        );
        assert_eq!(
            check_budget(BUDGET_BROTLI + 1),
            Budget::Over {
                total: BUDGET_BROTLI + 1,
                over: 1
            }
        );
    }

    #[test]
    fn recognises_trunks_hashed_names() {
        assert!(is_hashed(
            "customer-profile-0123456789abcdef.js",
            "customer-profile",
            ".js"
        ));
        assert!(is_hashed(
            "customer-profile-0123456789abcdef_bg.wasm",
            "customer-profile",
            "_bg.wasm"
        ));
        assert!(!is_hashed("customer-profile.js", "customer-profile", ".js"));
        assert!(is_hashed(
            "customer-profile-e4db2ef1869378c.js",
            "customer-profile",
            ".js"
        ));
        assert!(!is_hashed(
            "customer-profile-0123456789abcdef0.js",
            "customer-profile",
            ".js"
        ));
        assert!(!is_hashed(
            "customer-profile-0123456789abcdef_bg.wasm",
            "customer-profile",
            ".js"
        ));
        assert!(!is_hashed("main-0123456789abcdeg.css", "main", ".css"));
    }

    #[test]
    fn sri_is_base64_sha384() {
        // Known answer: sha384 of the empty string.
        assert_eq!(
            sri(b""),
            "sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb"
        );
    }

    #[test]
    fn index_html_loads_the_entry_with_integrity() {
        let html = "<head>\n<link data-trunk rel=\"rust\" data-bin=\"x\" data-trunk-id=\"0\">\n\
                    <script type=\"module\" src=\"./customer-profile.js\"></script></head>";
        let out = point_at_entry(
            html,
            Preload {
                name: "customer-profile-0123456789abcdef.js",
                sri: "sha384-a",
            },
            Preload {
                name: "customer-profile-0123456789abcdef_bg.wasm",
                sri: "sha384-w",
            },
            Preload {
                name: "customer-profile-entry-0123456789abcdef.js",
                sri: "sha384-b",
            },
        )
        .expect("rewritten");
        assert!(!out.contains("data-trunk"));
        assert!(out.contains(
            "<link rel=\"modulepreload\" href=\"./customer-profile-0123456789abcdef.js\" crossorigin=\"anonymous\" integrity=\"sha384-a\">"
        ));
        assert!(out.contains(
            "<link rel=\"preload\" href=\"./customer-profile-0123456789abcdef_bg.wasm\" as=\"fetch\" crossorigin=\"anonymous\" integrity=\"sha384-w\">"
        ));
        assert!(out.contains(
            "<script type=\"module\" src=\"./customer-profile-entry-0123456789abcdef.js\" crossorigin=\"anonymous\" integrity=\"sha384-b\"></script>"
        ));
        let (a, w, e) = (
            Preload {
                name: "a.js",
                sri: "x",
            },
            Preload {
                name: "a.wasm",
                sri: "z",
            },
            Preload {
                name: "e.js",
                sri: "y",
            },
        );
        assert!(point_at_entry("<head></head>", a, w, e).is_err());
    }
}
