//! `ftlkit serve`: the translator workbench on a local web server.

use super::Outcome;
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    /// Port to listen on (0: any free port; the URL printed has the real one).
    #[arg(long, default_value_t = 8040)]
    pub port: u16,
    /// Interface to listen on. The server writes your files: anything but
    /// loopback (127.0.0.1, ::1) lets other machines reach it, with a warning.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Open the dashboard in the default browser.
    #[arg(long)]
    pub open: bool,
}

fn loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.parse::<std::net::IpAddr>()
        .is_ok_and(|ip| ip.is_loopback())
        || host.eq_ignore_ascii_case("localhost")
}

pub fn run(root: Option<&Path>, args: &Args) -> ftlkit::Result<Outcome> {
    use ftlkit::serve::http;
    let project = super::project(root)?;
    let listener = http::bind(&args.host, args.port)?;
    let port = listener
        .local_addr()
        .map_err(|e| ftlkit::Error::io("<listener>", e))?
        .port();
    let shown = if args.host.contains(':') && !args.host.starts_with('[') {
        format!("[{}]", args.host)
    } else {
        args.host.clone()
    };
    let url = format!("http://{shown}:{port}/");
    if !loopback(&args.host) {
        super::to_stderr(|err| {
            writeln!(
                err,
                "warning: listening on {} — other machines can reach this server, which writes the project's files",
                args.host
            )
        })?;
    }
    super::to_stdout(|out| {
        writeln!(out, "ftlkit serve: {url}")?;
        writeln!(out, "(Ctrl+C stops it)")
    })?;
    if args.open {
        // A browser that cannot be started is not a reason to stop serving.
        let _ = std::process::Command::new(if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        })
        .arg(&url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    }
    let server = http::Server {
        project,
        secret: http::new_secret()?,
        host: args.host.clone(),
        port,
        locks: Default::default(),
        generation: Default::default(),
    };
    http::run(server, listener)?;
    Ok(Outcome::Success)
}

#[cfg(test)]
mod tests {
    use super::loopback;

    #[test]
    fn only_loopback_addresses_go_without_a_warning() {
        for quiet in ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"] {
            assert!(loopback(quiet), "{quiet}");
        }
        for warned in ["0.0.0.0", "::", "192.168.1.5", "example.org"] {
            assert!(!loopback(warned), "{warned}");
        }
    }
}
