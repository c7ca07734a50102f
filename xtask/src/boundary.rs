//! Short names on the boundary between the wasm and wasm-bindgen's glue.
//!
//! wasm-bindgen names each import after the Rust item and a hash
//! (`__wbg_createElement_de4a31ed2fb252be`, from the module `./customer-profile_bg.js`):
//! about 165 of them, each written twice — in the wasm's import section and as a key of
//! the glue's import object — and the hashes do not compress; the exports the glue calls
//! (`wasm.mount`, `wasm.wasm_bindgen__convert__closures_____invoke__h10c7cea53597491f`)
//! likewise. The release build renames both to `a`, `b`, … in the two files, as binaryen's
//! `--minify-imports-and-exports` does for Emscripten's glue (that pass renames only `env`
//! and `wasi_` imports unless it merges every module, and leaves the JavaScript to the
//! caller). Neither wasm-bindgen nor Trunk has an option for it, so it is written here:
//! the wasm is read with `wasmparser` and its import and export sections written anew
//! with `wasm-encoder`, every other section copied byte for byte; in the glue (before
//! esbuild minifies it) each import must be an object key exactly once, or the build
//! stops. `memory` keeps its name: callers of the glue's `default()` read it.

use std::collections::BTreeMap;

use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{ExportSection, ImportSection, Module, RawSection};
use wasmparser::{Parser, Payload};

/// The wasm and its glue with the boundary's names shortened, and how many were.
#[derive(Debug)]
pub struct Shortened {
    pub wasm: Vec<u8>,
    pub glue: String,
    pub imports: usize,
    pub exports: usize,
}

/// Renames every import of `wasm` whose module the glue defines (a quoted key
/// `"./…_bg.js":`) — the module to `a`, its items to `a`, `b`, … in the order of the
/// import section — and every export the glue uses as `wasm.name` (but `memory`) to `a`,
/// `b`, …, in both files.
pub fn shorten(wasm: &[u8], glue: &str) -> Result<Shortened, String> {
    let mut module = Module::new();
    let mut names = Names::of(wasm)?;
    let mut glue = glue.to_owned();
    let (mut imports, mut exports) = (0, 0);
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(|e| format!("cannot read the wasm: {e}"))?;
        match &payload {
            Payload::ImportSection(reader) => {
                let mut section = ImportSection::new();
                for import in reader.clone().into_imports() {
                    let import = import.map_err(|e| format!("cannot read an import: {e}"))?;
                    let ty = RoundtripReencoder
                        .entity_type(import.ty)
                        .map_err(|e| format!("cannot copy the import {}: {e}", import.name))?;
                    match names.module(import.module, &mut glue)? {
                        Some(short_module) => {
                            let short = names.item(import.module, import.name, &mut glue)?;
                            section.import(&short_module, &short, ty);
                            imports += 1;
                        }
                        None => {
                            section.import(import.module, import.name, ty);
                        }
                    }
                }
                module.section(&section);
            }
            Payload::ExportSection(reader) => {
                let mut section = ExportSection::new();
                for export in reader.clone() {
                    let export = export.map_err(|e| format!("cannot read an export: {e}"))?;
                    let kind = RoundtripReencoder
                        .export_kind(export.kind)
                        .map_err(|e| format!("cannot copy the export {}: {e}", export.name))?;
                    let short = names.exports.peek();
                    if rename_uses(&mut glue, export.name, &short) {
                        section.export(&short, kind, export.index);
                        names.exports.take();
                        exports += 1;
                    } else {
                        section.export(export.name, kind, export.index);
                    }
                }
                module.section(&section);
            }
            _ => {
                if let Some((id, range)) = payload.as_section() {
                    module.section(&RawSection {
                        id,
                        data: &wasm[range],
                    });
                }
            }
        }
    }
    Ok(Shortened {
        wasm: module.finish(),
        glue,
        imports,
        exports,
    })
}

/// The short names given so far: per module of the glue, and per item.
struct Names {
    /// Module name → its short name, or `None` for a module the glue does not define.
    modules: BTreeMap<String, Option<String>>,
    /// (module, item) → short name.
    items: BTreeMap<(String, String), String>,
    /// The next short names, for modules, for each module's items, for exports.
    fresh_modules: Fresh,
    fresh_items: BTreeMap<String, Fresh>,
    exports: Fresh,
}

impl Names {
    /// No short names given yet; none will be a name the wasm already has in the same
    /// namespace (a kept `a` and a renamed one would be the same name).
    fn of(wasm: &[u8]) -> Result<Self, String> {
        let (mut modules, mut exports) = (Taken::new(), Taken::new());
        let mut items: BTreeMap<String, Taken> = BTreeMap::new();
        for payload in Parser::new(0).parse_all(wasm) {
            match payload.map_err(|e| format!("cannot read the wasm: {e}"))? {
                Payload::ImportSection(reader) => {
                    for import in reader.into_imports() {
                        let import = import.map_err(|e| format!("cannot read an import: {e}"))?;
                        modules.insert(import.module.to_owned());
                        items
                            .entry(import.module.to_owned())
                            .or_default()
                            .insert(import.name.to_owned());
                    }
                }
                Payload::ExportSection(reader) => {
                    for export in reader {
                        let export = export.map_err(|e| format!("cannot read an export: {e}"))?;
                        exports.insert(export.name.to_owned());
                    }
                }
                _ => {}
            }
        }
        Ok(Names {
            modules: BTreeMap::new(),
            items: BTreeMap::new(),
            fresh_modules: Fresh::avoiding(modules),
            fresh_items: items
                .into_iter()
                .map(|(module, taken)| (module, Fresh::avoiding(taken)))
                .collect(),
            exports: Fresh::avoiding(exports),
        })
    }

    /// The module's short name, renaming its key in the glue the first time; `None` when
    /// the glue has no key for it (an import the glue does not provide stays as it is).
    fn module(&mut self, module: &str, glue: &mut String) -> Result<Option<String>, String> {
        if let Some(short) = self.modules.get(module) {
            return Ok(short.clone());
        }
        let key = format!("\"{module}\":");
        let short = match glue.matches(&key).count() {
            0 => None,
            1 => {
                let short = self.fresh_modules.take();
                *glue = glue.replacen(&key, &format!("{short}:"), 1);
                Some(short)
            }
            n => {
                return Err(format!(
                    "the glue names the import module {module} {n} times"
                ))
            }
        };
        self.modules.insert(module.to_owned(), short.clone());
        Ok(short)
    }

    /// The item's short name, renaming its key in the glue the first time.
    fn item(&mut self, module: &str, item: &str, glue: &mut String) -> Result<String, String> {
        let id = (module.to_owned(), item.to_owned());
        if let Some(short) = self.items.get(&id) {
            return Ok(short.clone());
        }
        let short = self
            .fresh_items
            .entry(module.to_owned())
            .or_insert_with(|| Fresh::avoiding(Taken::new()))
            .take();
        rename_key(glue, item, &short)?;
        self.items.insert(id, short.clone());
        Ok(short)
    }
}

/// Names already used in one namespace.
type Taken = std::collections::BTreeSet<String>;

/// The short names of one namespace in turn, skipping those the wasm already uses there.
struct Fresh {
    next: usize,
    taken: Taken,
}

impl Fresh {
    fn avoiding(taken: Taken) -> Self {
        let mut fresh = Fresh { next: 0, taken };
        fresh.skip_taken();
        fresh
    }

    /// The next short name, not taken yet.
    fn peek(&self) -> String {
        short_name(self.next)
    }

    /// The next short name, now taken.
    fn take(&mut self) -> String {
        let name = self.peek();
        self.next += 1;
        self.skip_taken();
        name
    }

    fn skip_taken(&mut self) {
        while self.taken.contains(&short_name(self.next)) {
            self.next += 1;
        }
    }
}

/// The `n`th short name: `a` … `z`, `A` … `Z`, then `aa`, `ab`, … (JavaScript identifiers,
/// none of them a name an object literal treats specially).
fn short_name(n: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let base = LETTERS.len();
    let mut n = n + 1;
    let mut name = Vec::new();
    while n > 0 {
        n -= 1;
        name.push(LETTERS[n % base]);
        n /= base;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// Whether `c` can be part of a JavaScript identifier (as wasm-bindgen and esbuild write
/// them: ASCII only).
fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// Where `pattern` occurs in `text` as whole words: no identifier character just before or
/// just after it.
fn whole(text: &str, pattern: &str) -> Vec<usize> {
    text.match_indices(pattern)
        .map(|(at, _)| at)
        .filter(|&at| !text[..at].chars().next_back().is_some_and(is_ident))
        .filter(|&at| {
            !text[at + pattern.len()..]
                .chars()
                .next()
                .is_some_and(is_ident)
        })
        .collect()
}

/// Replaces the object key `item:` (a whole identifier) by `short:`; it must occur exactly
/// once, or the renaming would break the glue.
fn rename_key(glue: &mut String, item: &str, short: &str) -> Result<(), String> {
    let keys: Vec<usize> = whole(glue, item)
        .into_iter()
        .filter(|&at| glue[at + item.len()..].starts_with(':'))
        .collect();
    match keys.as_slice() {
        [at] => {
            glue.replace_range(*at..*at + item.len(), short);
            Ok(())
        }
        found => Err(format!(
            "the glue has the import {item} {} times as a key, not once: cannot rename it",
            found.len()
        )),
    }
}

/// Replaces every use `wasm.name` (whole words: a call, a function passed on, the externref
/// table) by `wasm.short`; whether there was one. `memory` is left alone (see the module's
/// note).
fn rename_uses(glue: &mut String, name: &str, short: &str) -> bool {
    let path = format!("wasm.{name}");
    let found = whole(glue, &path);
    if name == "memory" || found.is_empty() {
        return false;
    }
    for at in found.into_iter().rev() {
        glue.replace_range(at..at + path.len(), &format!("wasm.{short}"));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_encoder::{
        CodeSection, CustomSection, EntityType, ExportKind, Function, FunctionSection,
        MemorySection, MemoryType, TypeSection, ValType,
    };
    use wasmparser::{ExternalKind, TypeRef};

    /// A module importing two functions and a global from the glue and one function from
    /// elsewhere, exporting its memory and four functions, and holding a custom section.
    fn module() -> Vec<u8> {
        let mut types = TypeSection::new();
        types.ty().function([ValType::I32], []);
        let mut imports = ImportSection::new();
        imports.import(
            "./app_bg.js",
            "__wbg_log_0123456789abcdef",
            EntityType::Function(0),
        );
        imports.import(
            "./app_bg.js",
            "__wbg_warn_fedcba9876543210",
            EntityType::Function(0),
        );
        imports.import("env", "keep", EntityType::Function(0));
        imports.import(
            "./app_bg.js",
            "__wbindgen_flag",
            EntityType::Global(wasm_encoder::GlobalType {
                val_type: ValType::I32,
                mutable: false,
                shared: false,
            }),
        );
        let mut functions = FunctionSection::new();
        functions.function(0);
        let mut memories = MemorySection::new();
        memories.memory(MemoryType {
            minimum: 1,
            maximum: None,
            memory64: false,
            shared: false,
            page_size_log2: None,
        });
        let mut exports = ExportSection::new();
        exports
            .export("memory", ExportKind::Memory, 0)
            .export("mount", ExportKind::Func, 3)
            .export("main", ExportKind::Func, 3)
            .export("__wbindgen_malloc", ExportKind::Func, 3)
            // Named like a short name, and not used by the glue: kept, and skipped.
            .export("a", ExportKind::Func, 3);
        let mut code = CodeSection::new();
        let mut body = Function::new([]);
        body.instructions().end();
        code.function(&body);
        let mut module = Module::new();
        module
            .section(&types)
            .section(&imports)
            .section(&functions)
            .section(&memories)
            .section(&exports)
            .section(&code)
            .section(&CustomSection {
                name: "producers".into(),
                data: b"kept".as_slice().into(),
            });
        module.finish()
    }

    /// Glue in wasm-bindgen's shape (before esbuild).
    const GLUE: &str = concat!(
        "function imports() {\n",
        "    const import0 = {\n",
        "        __proto__: null,\n",
        "        __wbg_log_0123456789abcdef: function(arg0) { console.log(arg0); },\n",
        "        __wbg_warn_fedcba9876543210: function(arg0) { console.warn(arg0); },\n",
        "        __wbindgen_flag: 1,\n",
        "    };\n",
        "    return { __proto__: null, \"./app_bg.js\": import0 };\n",
        "}\n",
        "export function mount(n) { const p = wasm.__wbindgen_malloc(n); wasm.mount(p); ",
        "return wasm.memory.buffer; }\n",
        "function alloc(n) { return wasm.__wbindgen_malloc(n); }\n",
    );

    fn imports(wasm: &[u8]) -> Vec<(String, String, TypeRef)> {
        let mut found = Vec::new();
        for payload in Parser::new(0).parse_all(wasm) {
            if let Ok(Payload::ImportSection(reader)) = payload {
                for import in reader.into_imports().flatten() {
                    found.push((import.module.into(), import.name.into(), import.ty));
                }
            }
        }
        found
    }

    fn exports_of(wasm: &[u8]) -> Vec<(String, ExternalKind, u32)> {
        let mut found = Vec::new();
        for payload in Parser::new(0).parse_all(wasm) {
            if let Ok(Payload::ExportSection(reader)) = payload {
                for export in reader.into_iter().flatten() {
                    found.push((export.name.into(), export.kind, export.index));
                }
            }
        }
        found
    }

    #[test]
    fn the_glue_s_imports_get_short_names_in_both_files() {
        let out = shorten(&module(), GLUE).expect("renamed");
        assert_eq!(out.imports, 3);
        let names: Vec<(String, String)> = imports(&out.wasm)
            .into_iter()
            .map(|(m, n, _)| (m, n))
            .collect();
        let pair = |m: &str, n: &str| (m.to_owned(), n.to_owned());
        assert_eq!(
            names,
            [
                pair("a", "a"),
                pair("a", "b"),
                pair("env", "keep"),
                pair("a", "c")
            ]
        );
        assert!(out
            .glue
            .contains("        a: function(arg0) { console.log(arg0); },\n"));
        assert!(out
            .glue
            .contains("        b: function(arg0) { console.warn(arg0); },\n"));
        assert!(out.glue.contains("        c: 1,\n"));
        assert!(out.glue.contains("return { __proto__: null, a: import0 };"));
        assert!(!out.glue.contains("__wbg_"), "{}", out.glue);
    }

    #[test]
    fn the_exports_the_glue_calls_get_short_names_in_both_files() {
        let out = shorten(&module(), GLUE).expect("renamed");
        assert_eq!(out.exports, 2);
        assert_eq!(
            exports_of(&out.wasm),
            [
                ("memory".to_owned(), ExternalKind::Memory, 0),
                ("b".to_owned(), ExternalKind::Func, 3),
                ("main".to_owned(), ExternalKind::Func, 3),
                ("c".to_owned(), ExternalKind::Func, 3),
                ("a".to_owned(), ExternalKind::Func, 3),
            ]
        );
        assert!(out.glue.contains(
            "export function mount(n) { const p = wasm.c(n); wasm.b(p); return wasm.memory.buffer; }"
        ));
        assert!(out.glue.contains("function alloc(n) { return wasm.c(n); }"));
        wasmparser::validate(&out.wasm).expect("no name given twice");
    }

    #[test]
    fn everything_but_the_names_is_kept() {
        let before = module();
        let out = shorten(&before, GLUE).expect("renamed");
        wasmparser::validate(&out.wasm).expect("a valid module");
        let types = |wasm: &[u8]| -> Vec<TypeRef> {
            imports(wasm).into_iter().map(|(_, _, ty)| ty).collect()
        };
        assert_eq!(types(&out.wasm), types(&before));
        // The other sections, the custom one included, are the same bytes.
        let sections = |wasm: &[u8]| -> Vec<(u8, Vec<u8>)> {
            Parser::new(0)
                .parse_all(wasm)
                .flatten()
                .filter(|p| !matches!(p, Payload::ImportSection(_) | Payload::ExportSection(_)))
                .filter_map(|p| p.as_section().map(|(id, r)| (id, wasm[r].to_vec())))
                .collect()
        };
        assert_eq!(sections(&out.wasm), sections(&before));
        assert!(sections(&before)
            .iter()
            .any(|(id, data)| *id == 0 && data.ends_with(b"kept")));
    }

    #[test]
    fn an_import_the_glue_does_not_hold_exactly_once_stops_the_build() {
        let missing = GLUE.replace("__wbg_warn_fedcba9876543210:", "other:");
        let error = shorten(&module(), &missing).expect_err("refused");
        assert!(
            error.contains("__wbg_warn_fedcba9876543210 0 times"),
            "{error}"
        );
        let twice = GLUE.replace("__wbindgen_flag: 1,", "__wbg_log_0123456789abcdef: 1,");
        let error = shorten(&module(), &twice).expect_err("refused");
        assert!(
            error.contains("__wbg_log_0123456789abcdef 2 times"),
            "{error}"
        );
        // A longer identifier ending in the name is not the name.
        let longer = GLUE.replace(
            "__wbg_warn_fedcba9876543210:",
            "x__wbg_warn_fedcba9876543210:",
        );
        assert!(shorten(&module(), &longer).is_err());
    }

    #[test]
    fn a_longer_export_name_is_not_renamed_with_a_shorter_one() {
        let glue = GLUE.replace("wasm.mount(p)", "wasm.mountAll(p)");
        let out = shorten(&module(), &glue).expect("renamed");
        assert!(out.glue.contains("wasm.mountAll(p)"), "{}", out.glue);
        assert!(exports_of(&out.wasm)
            .iter()
            .any(|(name, ..)| name == "mount"));
    }

    #[test]
    fn names_the_glue_does_not_use_stay_as_they_are() {
        let out = shorten(&module(), "export const nothing = 1;").expect("nothing to rename");
        assert_eq!((out.imports, out.exports), (0, 0));
        assert_eq!(out.wasm, module());
    }

    #[test]
    fn short_names_run_through_the_letters_then_pairs() {
        let names: Vec<String> = [0, 1, 25, 26, 51, 52, 53, 52 * 53 - 1, 52 * 53]
            .into_iter()
            .map(short_name)
            .collect();
        assert_eq!(names, ["a", "b", "z", "A", "Z", "aa", "ab", "ZZ", "aaa"]);
    }
}
