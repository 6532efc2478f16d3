//! The `rolefit` binary: all logic lives in the library.

fn main() -> std::process::ExitCode {
    rolefit::cli::main()
}
