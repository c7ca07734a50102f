//! `cargo xtask load`: a bounded load test of the sandbox binary on loopback, and a check
//! that it never loses an acknowledged write.
//!
//! Each client owns one (customer, field) slot and, for the whole run, either reads the
//! customer's profile or PATCHes a new value into its slot (40 %), one request at a time.
//! Owning a slot makes the check exact: the last value the sandbox acknowledged (204) for a
//! slot must be the one in the data file afterwards. Two runs:
//! 1. `--seconds` of load, a graceful stop, then the data file is checked;
//! 2. load again, `kill -9` of the sandbox in the middle of it, then the file (as the killed
//!    process left it) is checked, and the sandbox must start again on it.
//!
//! It prints throughput, p50/p99 latency per method and the check's result.

use std::collections::HashMap;
use std::path::Path;
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sandbox::{credentials, seed};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

/// The customers written to (each has its own token).
const CUSTOMERS: [&str; 5] = [
    seed::EXAMPLE,
    seed::ALL_NULL,
    seed::EXTRAS,
    seed::NON_LATIN,
    seed::XSS,
];

/// The text fields written to: (JSON path, member inside `address` if any).
const FIELDS: [&str; 10] = [
    "first_name",
    "second_name",
    "third_name",
    "last_name",
    "birth_city",
    "address.street",
    "address.city",
    "address.number",
    "address.add_on",
    "address.state_or_district",
];

/// How hard and how long.
#[derive(Debug, PartialEq, Eq)]
pub struct Options {
    pub clients: usize,
    pub seconds: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            clients: 50,
            seconds: 30,
        }
    }
}

/// Parses `[--clients N] [--seconds N]`.
pub fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options::default();
    for (flag, number) in crate::numeric_flags("load", args)? {
        match flag.as_str() {
            "--clients" => options.clients = usize::try_from(number).unwrap_or(usize::MAX),
            "--seconds" => options.seconds = number,
            _ => return Err(format!("load: unknown option {flag}")),
        }
    }
    let slots = CUSTOMERS.len() * FIELDS.len();
    if options.clients > slots {
        return Err(format!(
            "load: at most {slots} clients (one (customer, field) slot each, so that every acknowledged write can be checked)"
        ));
    }
    Ok(options)
}

/// What the clients saw.
#[derive(Default)]
struct Tally {
    /// Latencies in µs of answered requests, by method.
    latencies: HashMap<&'static str, Vec<u64>>,
    /// Requests that got no answer or an unexpected status, by what happened.
    failures: HashMap<String, u64>,
    /// The last acknowledged value of each slot (customer, field).
    acknowledged: HashMap<(usize, usize), String>,
    /// A write whose answer was lost (the kill): it may or may not have been stored.
    unanswered: HashMap<(usize, usize), String>,
}

/// Runs both load runs against a release build of the sandbox binary.
pub fn run_load(root: &Path, options: &Options) -> Result<(), String> {
    crate::process::run(crate::process::command("cargo").current_dir(root).args([
        "build",
        "--release",
        "-p",
        "sandbox",
    ]))?;
    run_against(&root.join("target/release/sandbox"), root, options)
}

/// `cargo xtask test`'s short run: a few clients for a few seconds against the debug build
/// (already built by the sandbox's tests), so that the durability check never rots.
pub fn quick(root: &Path) -> Result<(), String> {
    crate::process::run(
        crate::process::command("cargo")
            .current_dir(root)
            .args(["build", "-p", "sandbox"]),
    )?;
    let options = Options {
        clients: 16,
        seconds: 4,
    };
    run_against(&root.join("target/debug/sandbox"), root, &options)
}

/// Both load runs against the sandbox `binary`.
fn run_against(binary: &Path, root: &Path, options: &Options) -> Result<(), String> {
    let binary = binary.to_path_buf();
    let work = root.join("target/load");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| format!("load: {}: {e}", work.display()))?;
    let runtime = tokio::runtime::Runtime::new().map_err(|e| format!("load: runtime: {e}"))?;
    runtime.block_on(async {
        let data = work.join("data.json");
        println!(
            "load 1/2: {} clients for {} s, then a graceful stop",
            options.clients, options.seconds
        );
        let mut sandbox = Sandbox::start(&binary, &data, true).await?;
        let tally = load(
            sandbox.port,
            options,
            Duration::from_secs(options.seconds),
            None,
        )
        .await;
        sandbox.stop().await;
        report(&tally, options.seconds);
        if !tally.failures.is_empty() {
            return Err("load: requests failed while the sandbox was up (see above)".into());
        }
        check(&data, &tally)?;

        let kill_after = Duration::from_secs((options.seconds / 2).max(1));
        println!(
            "load 2/2: {} clients, kill -9 of the sandbox after {} s",
            options.clients,
            kill_after.as_secs()
        );
        let mut sandbox = Sandbox::start(&binary, &data, true).await?;
        let tally = load(
            sandbox.port,
            options,
            Duration::from_secs(options.seconds),
            Some((kill_after, &mut sandbox)),
        )
        .await;
        report(&tally, kill_after.as_secs());
        // After the kill, requests can only fail to connect or lose their connection.
        if let Some(other) = tally.failures.keys().find(|f| !f.contains(':')) {
            return Err(format!("load: a request failed before the kill: {other}"));
        }
        check(&data, &tally)?;
        // It starts again on what the killed process left.
        let mut again = Sandbox::start(&binary, &data, false).await?;
        let answered = request(again.port, "GET", CUSTOMERS[0], None).await;
        again.stop().await;
        match answered {
            Ok((200, _)) => println!("restart on the same data file: it answers"),
            other => {
                return Err(format!(
                    "load: the sandbox did not restart cleanly: {other:?}"
                ))
            }
        }
        Ok(())
    })
}

/// The sandbox binary, running.
struct Sandbox {
    child: Child,
    port: u16,
}

impl Sandbox {
    async fn start(binary: &Path, data: &Path, reset: bool) -> Result<Sandbox, String> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .map_err(|e| format!("load: no free port: {e}"))?;
        let mut cmd = Command::new(binary);
        cmd.arg("--port")
            .arg(port.to_string())
            .arg("--data")
            .arg(data)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true);
        if reset {
            cmd.arg("--reset");
        }
        let child = cmd
            .spawn()
            .map_err(|e| format!("load: cannot start {}: {e}", binary.display()))?;
        for _ in 0..200 {
            if TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return Ok(Sandbox { child, port });
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        Err("load: the sandbox did not start listening".into())
    }

    /// SIGKILL: no chance to finish anything.
    async fn kill(&mut self) {
        let _ = self.child.start_kill();
        let _ = self.child.wait().await;
    }

    /// SIGTERM, then wait (the sandbox finishes what it answers).
    async fn stop(&mut self) {
        if let Some(pid) = self.child.id() {
            let _ = std::process::Command::new("kill")
                .args(["-TERM", &pid.to_string()])
                .status();
        }
        if tokio::time::timeout(Duration::from_secs(10), self.child.wait())
            .await
            .is_err()
        {
            self.kill().await;
        }
    }
}

/// Runs the clients for `duration` (or until `kill` fires: then the sandbox is killed and
/// the clients stop).
async fn load(
    port: u16,
    options: &Options,
    duration: Duration,
    kill: Option<(Duration, &mut Sandbox)>,
) -> Tally {
    let tally = Arc::new(Mutex::new(Tally::default()));
    let stop = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..options.clients)
        .map(|client| {
            let (tally, stop) = (tally.clone(), stop.clone());
            tokio::spawn(async move { run_client(port, client, &tally, &stop).await })
        })
        .collect();
    match kill {
        Some((after, sandbox)) => {
            tokio::time::sleep(after).await;
            sandbox.kill().await;
        }
        None => tokio::time::sleep(duration).await,
    }
    stop.store(true, Ordering::Relaxed);
    for client in clients {
        let _ = client.await;
    }
    Arc::try_unwrap(tally)
        .ok()
        .and_then(|m| m.into_inner().ok())
        .unwrap_or_default()
}

/// One client: its slot is (customer, field) = (client % customers, client / customers).
async fn run_client(port: u16, client: usize, tally: &Mutex<Tally>, stop: &AtomicBool) {
    let slot = (client % CUSTOMERS.len(), client / CUSTOMERS.len());
    let customer = CUSTOMERS[slot.0];
    let mut n = 0u64;
    // A cheap per-client pseudo-random sequence: 2 in 5 requests are PATCHes.
    let mut state = (client as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    while !stop.load(Ordering::Relaxed) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let write = state % 5 < 2;
        n += 1;
        let value = format!("Load {client}-{n}");
        let body = write.then(|| patch_body(FIELDS[slot.1], &value));
        let method = if write { "PATCH" } else { "GET" };
        let started = Instant::now();
        let answer = request(port, method, customer, body.as_deref()).await;
        let micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
        let Ok(mut t) = tally.lock() else { return };
        match answer {
            Ok((status, _)) if status == if write { 204 } else { 200 } => {
                t.latencies.entry(method).or_default().push(micros);
                if write {
                    t.acknowledged.insert(slot, value);
                }
            }
            Ok((status, body)) => {
                let head: String = body.chars().take(80).collect();
                *t.failures
                    .entry(format!("{method} {status} {head}"))
                    .or_default() += 1;
            }
            Err(e) => {
                *t.failures.entry(format!("{method}: {e}")).or_default() += 1;
                // The first write to fail is the one the kill cut off; later ones never
                // reached a server.
                if write {
                    t.unanswered.entry(slot).or_insert(value);
                }
            }
        }
    }
}

/// `{"first_name": value}` or `{"address": {"city": value}}`.
fn patch_body(field: &str, value: &str) -> String {
    let json = match field.strip_prefix("address.") {
        Some(member) => serde_json::json!({ "address": { member: value } }),
        None => serde_json::json!({ field: value }),
    };
    json.to_string()
}

/// One request on a new connection; the status and body of the answer.
async fn request(
    port: u16,
    method: &str,
    customer: &str,
    body: Option<&str>,
) -> Result<(u16, String), String> {
    let token = credentials::token_for(customer).unwrap_or_default();
    let (version, query) = match method {
        "PATCH" => ("v1", "?force_address=true"),
        _ => ("v2", ""),
    };
    let body = body.unwrap_or_default();
    let head = format!(
        "{method} /{version}/customers/{customer}/profile{query} HTTP/1.1\r\nhost: 127.0.0.1\r\n\
         authorization: Bearer {token}\r\nx-api-key: {}\r\naccept: application/json\r\n\
         accept-language: en-GB\r\n\
         content-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        credentials::API_KEY,
        body.len()
    );
    let exchange = async {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).await?;
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(body.as_bytes()).await?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await?;
        Ok::<_, std::io::Error>(answer)
    };
    let answer = tokio::time::timeout(Duration::from_secs(10), exchange)
        .await
        .map_err(|_| "no answer within 10 s".to_owned())?
        .map_err(|e| e.kind().to_string())?;
    let text = String::from_utf8_lossy(&answer);
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| "not an HTTP answer".to_owned())?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b)
        .unwrap_or_default();
    Ok((status, body.to_owned()))
}

/// Prints throughput and latency percentiles.
fn report(tally: &Tally, seconds: u64) {
    let answered: usize = tally.latencies.values().map(Vec::len).sum();
    println!(
        "  {answered} answered requests in {seconds} s: {:.0} requests/s",
        answered as f64 / seconds.max(1) as f64
    );
    for method in ["GET", "PATCH"] {
        let mut l = tally.latencies.get(method).cloned().unwrap_or_default();
        l.sort_unstable();
        let at = |p: f64| {
            l.get(((l.len() as f64 * p).ceil() as usize).saturating_sub(1))
                .map_or(0.0, |us| *us as f64 / 1000.0)
        };
        println!(
            "  {method:<5} {:>6} answered, p50 {:>7.1} ms, p99 {:>7.1} ms, max {:>7.1} ms",
            l.len(),
            at(0.5),
            at(0.99),
            at(1.0)
        );
    }
    let mut failures: Vec<_> = tally.failures.iter().collect();
    failures.sort();
    for (what, count) in failures {
        println!("  not answered as expected: {count} × {what}");
    }
}

/// Every slot's last acknowledged value is in the data file.
fn check(data: &Path, tally: &Tally) -> Result<(), String> {
    let text =
        std::fs::read_to_string(data).map_err(|e| format!("load: {}: {e}", data.display()))?;
    let stored: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| format!("load: the data file is not JSON after the run: {e}"))?;
    let profiles = &stored["customers"];
    if tally.acknowledged.is_empty() {
        return Err("load: no write was acknowledged: nothing to check".into());
    }
    let mut lost = Vec::new();
    for ((customer, field), value) in &tally.acknowledged {
        let id = CUSTOMERS[*customer];
        let profile = &profiles[id];
        let found = match FIELDS[*field].strip_prefix("address.") {
            Some(member) => &profile["address"][member],
            None => &profile[FIELDS[*field]],
        };
        // Its client writes one value at a time: the file holds the last acknowledged one,
        // or the one sent after it whose answer the kill cut off.
        let in_flight = tally.unanswered.get(&(*customer, *field));
        if found.as_str() != Some(value.as_str()) && found.as_str() != in_flight.map(String::as_str)
        {
            lost.push(format!(
                "{id} {}: acknowledged {value:?}, stored {found}",
                FIELDS[*field]
            ));
        }
    }
    if lost.is_empty() {
        println!(
            "  every acknowledged write is in the data file ({} slots checked)",
            tally.acknowledged.len()
        );
        Ok(())
    } else {
        Err(format!(
            "load: acknowledged writes lost:\n{}",
            lost.join("\n")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn options_parse_and_are_bounded_by_the_slots() {
        assert_eq!(parse(&[]), Ok(Options::default()));
        assert_eq!(
            parse(&args(&["--clients", "8", "--seconds", "5"])),
            Ok(Options {
                clients: 8,
                seconds: 5
            })
        );
        assert!(
            parse(&args(&["--clients", "51"])).is_err(),
            "51 > 5 × 10 slots"
        );
        assert!(parse(&args(&["--seconds", "0"])).is_err());
        assert!(parse(&args(&["--fast", "1"])).is_err());
    }

    #[test]
    fn bodies_touch_one_field() {
        assert_eq!(patch_body("last_name", "x"), r#"{"last_name":"x"}"#);
        assert_eq!(
            patch_body("address.city", "x"),
            r#"{"address":{"city":"x"}}"#
        );
    }
}
