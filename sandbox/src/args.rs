//! Command-line arguments of the `sandbox` binary, parsed by hand (no dependency needed for
//! a handful of flags) and kept in the library so they can be unit-tested.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use crate::{Config, STRICT_CSP};

/// The `--help` text.
pub const USAGE: &str = "\
Usage: sandbox [OPTIONS]

Serves a local Customer Profile API (see sandbox/README.md).

Options:
  --host IP              address to listen on (default 127.0.0.1)
  --port PORT            port to listen on, 0 = any free port (default 8080)
  --data PATH            JSON data file (default sandbox-data.json), created from the seed if missing
  --reset                overwrite the data file with the seed at start
  --test-hooks           enable the /__sandbox/* test hooks
  --allow-origin ORIGIN  allow this origin by CORS (repeatable); default: same-origin only
  --dist DIR             serve this directory at / (the built app)
  --portal DIR           serve this host page directory at /portal/, always under a strict CSP
  --csp                  send the strict content-security-policy with every static file
  --help                 print this help";

/// What the command line asks for.
#[derive(Debug)]
#[allow(
    clippy::large_enum_variant,
    reason = "built once per process and matched at once; boxing the config would only add noise"
)]
pub enum Command {
    /// Serve with this config on this address.
    Run {
        /// The server config.
        config: Config,
        /// Where to listen.
        addr: SocketAddr,
    },
    /// Print [`USAGE`] and exit.
    Help,
}

/// Parses the arguments (without the program name). `Err` carries a one-line message.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut host = IpAddr::V4(Ipv4Addr::LOCALHOST);
    let mut port: u16 = 8080;
    let mut config = Config::new("sandbox-data.json");
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "--help" | "-h" => return Ok(Command::Help),
            "--reset" => config.reset = true,
            "--test-hooks" => config.test_hooks = true,
            "--csp" => config.csp = Some(STRICT_CSP.to_owned()),
            "--host" => {
                let v = value("--host")?;
                host = if v == "localhost" {
                    IpAddr::V4(Ipv4Addr::LOCALHOST)
                } else {
                    v.parse()
                        .map_err(|_| format!("--host: {v:?} is not an IP address"))?
                };
            }
            "--port" => {
                let v = value("--port")?;
                port = v
                    .parse()
                    .map_err(|_| format!("--port: {v:?} is not a port number"))?;
            }
            "--data" => config.data_path = value("--data")?.into(),
            "--allow-origin" => config.allow_origins.push(value("--allow-origin")?),
            "--dist" => config.dist_dir = Some(value("--dist")?.into()),
            "--portal" => config.portal_dir = Some(value("--portal")?.into()),
            _ => return Err(format!("unknown argument {arg:?}")),
        }
        if inline.is_some() && matches!(flag.as_str(), "--reset" | "--test-hooks" | "--csp") {
            return Err(format!("{flag} takes no value"));
        }
    }
    Ok(Command::Run {
        config,
        addr: SocketAddr::new(host, port),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<(Config, SocketAddr), String> {
        match parse(args.iter().map(|s| s.to_string()))? {
            Command::Run { config, addr } => Ok((config, addr)),
            Command::Help => Err("help".into()),
        }
    }

    #[test]
    fn defaults() {
        let (config, addr) = run(&[]).expect("ok");
        assert_eq!(addr, "127.0.0.1:8080".parse().expect("addr"));
        assert_eq!(
            config.data_path,
            std::path::PathBuf::from("sandbox-data.json")
        );
        assert!(!config.reset && !config.test_hooks);
        assert!(config.allow_origins.is_empty() && config.dist_dir.is_none());
        assert!(config.portal_dir.is_none() && config.csp.is_none());
    }

    #[test]
    fn every_flag() {
        let (config, addr) = run(&[
            "--host",
            "0.0.0.0",
            "--port=0",
            "--data",
            "d.json",
            "--reset",
            "--test-hooks",
            "--allow-origin",
            "http://a:1",
            "--allow-origin=http://b:2",
            "--dist",
            "dist",
            "--portal=examples/portal",
            "--csp",
        ])
        .expect("ok");
        assert_eq!(addr, "0.0.0.0:0".parse().expect("addr"));
        assert_eq!(config.data_path, std::path::PathBuf::from("d.json"));
        assert!(config.reset && config.test_hooks);
        assert_eq!(config.allow_origins, ["http://a:1", "http://b:2"]);
        assert_eq!(config.dist_dir, Some("dist".into()));
        assert_eq!(config.portal_dir, Some("examples/portal".into()));
        assert_eq!(config.csp.as_deref(), Some(STRICT_CSP));
    }

    #[test]
    fn errors_and_help() {
        assert!(matches!(parse(["--help".to_string()]), Ok(Command::Help)));
        assert!(run(&["--verbose"])
            .expect_err("unknown")
            .contains("--verbose"));
        assert!(run(&["--port"])
            .expect_err("missing")
            .contains("needs a value"));
        assert!(run(&["--port", "http"]).is_err());
        assert!(run(&["--host", "example"]).is_err());
        assert!(run(&["--reset=yes"]).is_err());
        assert!(run(&["--csp=default-src 'self'"])
            .expect_err("no value")
            .contains("--csp takes no value"));
        assert!(run(&["--portal"])
            .expect_err("missing")
            .contains("--portal needs a value"));
    }
}
