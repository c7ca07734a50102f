//! Persistence: the customers live in memory and in one JSON data file,
//! `{"customers": {"<id>": <profile>}}`, rewritten atomically after every change.

use std::{
    fs,
    io::{self, Write},
    path::{Path, PathBuf},
    sync::atomic::{AtomicU64, Ordering},
};

use serde_json::{json, Map, Value};

use crate::{seed, StartError};

/// The customers and the file they are saved to. Callers serialise access (one lock), so a
/// read-merge-write is never interleaved with another.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    customers: Map<String, Value>,
}

impl Store {
    /// Loads the data file, or creates it from the seed when it is missing or `reset` is set.
    /// A file that exists but cannot be read or parsed is an error, never silently replaced.
    pub fn open(path: &Path, reset: bool) -> Result<Store, StartError> {
        let mut store = Store {
            path: path.to_owned(),
            customers: Map::new(),
        };
        let existing = if reset {
            None
        } else {
            match fs::read(path) {
                Ok(bytes) => Some(bytes),
                Err(e) if e.kind() == io::ErrorKind::NotFound => None,
                Err(source) => {
                    return Err(StartError::ReadData {
                        path: path.to_owned(),
                        source,
                    })
                }
            }
        };
        match existing {
            Some(bytes) => {
                store.customers = parse(&bytes).map_err(|reason| StartError::CorruptData {
                    path: path.to_owned(),
                    reason,
                })?
            }
            None => {
                // A data file in a directory that does not exist yet (e.g. under target/).
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    fs::create_dir_all(dir).map_err(|source| StartError::WriteData {
                        path: path.to_owned(),
                        source,
                    })?;
                }
                store
                    .replace_all(seed::profiles())
                    .map_err(|source| StartError::WriteData {
                        path: path.to_owned(),
                        source,
                    })?
            }
        }
        Ok(store)
    }

    /// The stored profile of a customer, exactly as saved.
    pub fn get(&self, customer_id: &str) -> Option<&Value> {
        self.customers.get(customer_id)
    }

    /// Whether a customer has a profile.
    pub fn contains(&self, customer_id: &str) -> bool {
        self.customers.contains_key(customer_id)
    }

    /// Saves a customer's profile (insert or replace). On error nothing changes.
    pub fn put(&mut self, customer_id: &str, profile: Value) -> io::Result<()> {
        let mut next = self.customers.clone();
        next.insert(customer_id.to_owned(), profile);
        self.commit(next)
    }

    /// Removes a customer's profile. On error nothing changes.
    pub fn remove(&mut self, customer_id: &str) -> io::Result<()> {
        let mut next = self.customers.clone();
        next.shift_remove(customer_id);
        self.commit(next)
    }

    /// Replaces every customer (used for the seed). On error nothing changes.
    pub fn replace_all(&mut self, customers: Map<String, Value>) -> io::Result<()> {
        self.commit(customers)
    }

    /// Writes `next` to disk, then makes it the in-memory state.
    fn commit(&mut self, next: Map<String, Value>) -> io::Result<()> {
        let bytes = serde_json::to_vec_pretty(&json!({ "customers": next }))?;
        write_atomically(&self.path, &bytes)?;
        self.customers = next;
        Ok(())
    }
}

/// The customers of a data file, or why it is not one.
fn parse(bytes: &[u8]) -> Result<Map<String, Value>, String> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| format!("not JSON: {e}"))?;
    match value {
        Value::Object(mut root) => match root.remove("customers") {
            Some(Value::Object(customers)) => Ok(customers),
            Some(_) => Err("\"customers\" is not an object".into()),
            None => Err("no \"customers\" object".into()),
        },
        _ => Err("the top level is not an object".into()),
    }
}

/// Replaces `path` with `bytes` so that a crash leaves either the old or the new file: a
/// temporary file in the same directory is written and fsynced, renamed over `path`, and the
/// directory is fsynced so the rename itself is durable.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "data path has no file name"))?;
    let tmp = dir.join(format!(
        ".{}.{}-{}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)?;
        fs::File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("sandbox-store-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn creates_from_seed_then_reloads_changes() {
        let dir = temp_dir("reload");
        let path = dir.join("data.json");
        let mut store = Store::open(&path, false).expect("created");
        assert!(store.contains(seed::EXAMPLE));
        store.put("42", json!({"email": "x@y.zz"})).expect("saved");
        let again = Store::open(&path, false).expect("reloaded");
        assert_eq!(again.get("42"), Some(&json!({"email": "x@y.zz"})));
        let reset = Store::open(&path, true).expect("reset");
        assert!(!reset.contains("42"));
        assert!(!dir.read_dir().expect("dir").any(|e| e
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .ends_with(".tmp")));
    }

    #[test]
    fn creates_missing_directories_for_a_new_data_file() {
        let dir = temp_dir("nested");
        let path = dir.join("a/b/data.json");
        let store = Store::open(&path, false).expect("opens");
        assert!(store.contains(seed::EXAMPLE));
        assert!(path.is_file());
    }

    #[test]
    fn corrupt_files_are_refused() {
        let dir = temp_dir("corrupt");
        for (i, content) in ["{", "[]", "{\"customers\": 3}", "{}"].iter().enumerate() {
            let path = dir.join(format!("bad{i}.json"));
            fs::write(&path, content).expect("write");
            let err = Store::open(&path, false).expect_err(content);
            assert!(
                matches!(err, StartError::CorruptData { .. }),
                "{content}: {err}"
            );
            assert_eq!(fs::read_to_string(&path).expect("kept"), *content);
        }
    }

    #[test]
    fn failed_write_changes_nothing() {
        let dir = temp_dir("fail");
        let path = dir.join("data.json");
        let mut store = Store::open(&path, false).expect("created");
        fs::remove_dir_all(&dir).expect("remove dir");
        assert!(store.put(seed::EXAMPLE, json!({})).is_err());
        assert_ne!(store.get(seed::EXAMPLE), Some(&json!({})));
    }
}
