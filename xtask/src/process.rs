//! Running child processes with the cargo bin directory on PATH, and reading test counts
//! from their output.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// `$CARGO_HOME/bin` (default `~/.cargo/bin`), where `cargo install` puts tools.
pub fn cargo_bin_dir() -> Option<PathBuf> {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|home| home.join("bin"))
}

/// PATH with the project's tools (target/tools/node_modules/.bin) and the cargo bin
/// directory first, so freshly installed tools are found and win over older system ones.
pub fn path_env() -> std::ffi::OsString {
    let mut dirs = vec![crate::workspace_root()
        .join(crate::tools::TOOLS_DIR)
        .join("node_modules/.bin")];
    dirs.extend(cargo_bin_dir());
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}

/// Where `program` is on our PATH.
pub fn which(program: &str) -> Option<PathBuf> {
    std::env::split_paths(&path_env())
        .map(|dir| dir.join(program))
        .find(|path| path.is_file())
}

/// A command for `program` with our PATH.
pub fn command(program: &str) -> Command {
    let mut cmd = Command::new(program);
    cmd.env("PATH", path_env());
    cmd
}

/// Runs a command with inherited output; Ok when it exits 0.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    let status = cmd
        .status()
        .map_err(|e| format!("could not run {cmd:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{cmd:?} failed ({status})"))
    }
}

/// Runs a command and returns its stdout when it exits 0 (None when missing or failing).
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Passed and failed test counts of one suite.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub passed: u32,
    pub failed: u32,
}

impl Counts {
    /// One check: a pass, or a failure (after printing why).
    pub fn check(result: Result<(), String>) -> Counts {
        if let Err(e) = &result {
            eprintln!("{e}");
        }
        let ok = result.is_ok();
        Counts {
            passed: u32::from(ok),
            failed: u32::from(!ok),
        }
    }
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
    }
}

/// Runs a command that is one check (a build, a linter): one pass or one failure.
pub fn run_check(cmd: &mut Command) -> Counts {
    println!("$ {cmd:?}");
    match cmd.status() {
        Ok(status) if status.success() => Counts {
            passed: 1,
            failed: 0,
        },
        Ok(_) => Counts {
            passed: 0,
            failed: 1,
        },
        Err(e) => {
            eprintln!("could not run {cmd:?}: {e}");
            Counts {
                passed: 0,
                failed: 1,
            }
        }
    }
}

/// Runs a test command, echoing its stdout while summing every libtest-style
/// `test result: … N passed; M failed` line. A failing command that reported no failure
/// (a build error, a crash) counts as one failure, so nothing is lost silently.
pub fn run_counted(cmd: &mut Command) -> Counts {
    println!("$ {cmd:?}");
    let mut child = match cmd.stdout(Stdio::piped()).spawn() {
        Ok(child) => child,
        Err(e) => {
            eprintln!("could not run {cmd:?}: {e}");
            return Counts {
                passed: 0,
                failed: 1,
            };
        }
    };
    let mut counts = Counts::default();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            if let Some(c) = parse_test_result(&line) {
                counts.passed += c.passed;
                counts.failed += c.failed;
            }
        }
    }
    let success = child.wait().map(|s| s.success()).unwrap_or(false);
    if !success && counts.failed == 0 {
        counts.failed = 1;
    }
    counts
}

/// Parses `test result: ok. 12 passed; 0 failed; …` (libtest and wasm-bindgen-test-runner).
pub fn parse_test_result(line: &str) -> Option<Counts> {
    let rest = line.trim().strip_prefix("test result:")?;
    let number_before = |word: &str| -> Option<u32> {
        rest.split(';')
            .find_map(|part| part.trim().strip_suffix(word).map(str::trim))
            .and_then(|n| n.rsplit(' ').next())
            .and_then(|n| n.parse().ok())
    };
    Some(Counts {
        passed: number_before("passed")?,
        failed: number_before("failed")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_libtest_summaries() {
        assert_eq!(
            parse_test_result(
                "test result: ok. 17 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s"
            ),
            Some(Counts { passed: 17, failed: 0 })
        );
        assert_eq!(
            parse_test_result("test result: FAILED. 3 passed; 2 failed; 0 ignored"),
            Some(Counts {
                passed: 3,
                failed: 2
            })
        );
        assert_eq!(parse_test_result("running 3 tests"), None);
        assert_eq!(parse_test_result("test foo ... ok"), None);
    }

    #[test]
    fn a_failing_command_without_counts_is_one_failure() {
        let counts = run_counted(&mut Command::new("false"));
        assert_eq!(
            counts,
            Counts {
                passed: 0,
                failed: 1
            }
        );
        let counts = run_counted(
            Command::new("sh").args(["-c", "echo 'test result: ok. 2 passed; 0 failed;'"]),
        );
        assert_eq!(
            counts,
            Counts {
                passed: 2,
                failed: 0
            }
        );
    }
}
