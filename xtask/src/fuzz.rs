//! `cargo xtask fuzz`: the `fuzz_` properties of the app's pure modules (the serde decoders
//! of the profile, problem details and config.json; the lost-update merge), run again and
//! again with many cases each until a time limit. (`cargo fuzz` needs a nightly compiler, which this project does not
//! use; proptest shrinks what it finds to a minimal case.) `cargo xtask test` runs the same
//! properties once, with fewer cases.
//!
//! A failure stops the run. proptest writes the failing case's seed under
//! `proptest-regressions/`: commit it with the fix, and every later run tries it first.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::process::{command, run};

/// How long and how hard to fuzz.
#[derive(Debug, PartialEq, Eq)]
pub struct Options {
    pub seconds: u64,
    pub cases: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            seconds: 300,
            cases: 20_000,
        }
    }
}

/// Parses `[--seconds N] [--cases N]`.
pub fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options::default();
    for (flag, number) in crate::numeric_flags("fuzz", args)? {
        match flag.as_str() {
            "--seconds" => options.seconds = number,
            "--cases" => {
                options.cases = u32::try_from(number)
                    .map_err(|_| format!("fuzz: --cases {number} is too many"))?;
            }
            _ => return Err(format!("fuzz: unknown option {flag}")),
        }
    }
    Ok(options)
}

/// Runs rounds of the `fuzz_` properties (release build, fresh random seeds each round)
/// until `options.seconds` have passed; fails on the first failing round.
pub fn run_fuzz(root: &Path, options: &Options) -> Result<(), String> {
    let start = Instant::now();
    let limit = Duration::from_secs(options.seconds);
    let mut round = 0;
    while round == 0 || start.elapsed() < limit {
        round += 1;
        println!(
            "fuzz: round {round}, {} cases per property ({} s of {} s)",
            options.cases,
            start.elapsed().as_secs(),
            options.seconds
        );
        let mut cmd = command("cargo");
        cmd.current_dir(root)
            .args([
                "test",
                "--release",
                "-p",
                "customer-profile",
                "--lib",
                "fuzz_",
            ])
            .env("PROPTEST_CASES", options.cases.to_string());
        run(&mut cmd).map_err(|e| {
            format!("fuzz: round {round} failed ({e}); proptest saved the case under proptest-regressions/")
        })?;
    }
    println!(
        "fuzz: {round} rounds of {} cases per property in {} s, no failure",
        options.cases,
        start.elapsed().as_secs()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn options_parse_and_bad_ones_are_named() {
        assert_eq!(parse(&[]), Ok(Options::default()));
        assert_eq!(
            parse(&args(&["--seconds", "60", "--cases", "500"])),
            Ok(Options {
                seconds: 60,
                cases: 500
            })
        );
        for bad in [
            &["--seconds"][..],
            &["--seconds", "0"],
            &["--cases", "x"],
            &["--fast"],
        ] {
            let message = parse(&args(bad)).expect_err("refused");
            assert!(message.contains(bad[0]), "{message}");
        }
    }
}
