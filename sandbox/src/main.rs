//! The `sandbox` binary: parses the flags, starts the server, prints the URL and the
//! credentials, and stops on Ctrl-C (or SIGTERM).

use std::process::ExitCode;

use sandbox::args::{self, Command};

#[tokio::main]
async fn main() -> ExitCode {
    let (config, addr) = match args::parse(std::env::args().skip(1)) {
        Ok(Command::Run { config, addr }) => (config, addr),
        Ok(Command::Help) => {
            println!("{}", args::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("sandbox: {message}\n\n{}", args::USAGE);
            return ExitCode::from(2);
        }
    };
    let data = config.data_path.display().to_string();
    let hooks = config.test_hooks;
    let running = match sandbox::start(config, addr).await {
        Ok(running) => running,
        Err(e) => {
            eprintln!("sandbox: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("Customer Profile sandbox listening on {}", running.url());
    println!("  data file: {data}");
    if hooks {
        println!("  test hooks: {}/__sandbox/", running.url());
    }
    println!("{}", sandbox::credentials::describe());
    println!("Press Ctrl-C to stop.");
    shutdown_signal().await;
    running.stop().await;
    ExitCode::SUCCESS
}

/// Resolves on Ctrl-C, or on SIGTERM where there is one.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut sig) => {
                sig.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = terminate => {}
    }
}
