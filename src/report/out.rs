//! The one way the program writes to its streams. Everything it prints goes
//! through [`Out`] (standard output) or [`warn`] (standard error): every control
//! character is written out visibly on the way (see [`super::safe`]), and a stream
//! that cannot be written ends the command cleanly instead of a panic:
//!
//! - a closed pipe (`postoffice run hello | head`) stops the writing quietly, as
//!   Unix tools do, and the command keeps the status it would have had;
//! - any other failure (`> /dev/full`) is said in one line on standard error, and
//!   the command exits with status 2.

use std::fmt::Display;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use super::safe;

/// A writer that passes text on with every character a terminal would act on
/// ([`safe::is_unsafe`]) written visibly, as `\u{1b}`. A character split between
/// two writes is held until it is whole; bytes that are not UTF-8 are written as
/// U+FFFD.
pub struct Visible<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Visible<W> {
    pub fn new(inner: W) -> Visible<W> {
        Visible {
            inner,
            pending: Vec::new(),
        }
    }
}

impl<W: Write> Write for Visible<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let Visible { inner, pending } = self;
        pending.extend_from_slice(buf);
        let mut start = 0;
        while start < pending.len() {
            match std::str::from_utf8(&pending[start..]) {
                Ok(s) => {
                    inner.write_all(safe::terminal(s).as_bytes())?;
                    start = pending.len();
                }
                Err(e) => {
                    let good = e.valid_up_to();
                    let s = std::str::from_utf8(&pending[start..start + good])
                        .expect("checked up to here");
                    inner.write_all(safe::terminal(s).as_bytes())?;
                    start += good;
                    match e.error_len() {
                        // A character not yet whole: wait for the rest.
                        None => break,
                        Some(n) => {
                            inner.write_all("\u{fffd}".as_bytes())?;
                            start += n;
                        }
                    }
                }
            }
        }
        pending.drain(..start);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Standard output, buffered and made visible ([`Visible`]), remembering the first
/// write that failed: after it nothing more is written.
pub struct Out {
    w: Visible<BufWriter<io::StdoutLock<'static>>>,
    failed: Option<io::Error>,
}

impl Default for Out {
    fn default() -> Out {
        Out::stdout()
    }
}

impl Out {
    pub fn stdout() -> Out {
        Out {
            w: Visible::new(BufWriter::new(io::stdout().lock())),
            failed: None,
        }
    }

    /// Writes with `f`, unless an earlier write failed; `false` once writing has
    /// failed (a command may stop making more output then).
    pub fn write(&mut self, f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> bool {
        if self.failed.is_none()
            && let Err(e) = f(&mut self.w)
        {
            self.failed = Some(e);
        }
        self.failed.is_none()
    }

    /// Writes `text` and a newline.
    pub fn line(&mut self, text: impl Display) -> bool {
        self.write(|w| writeln!(w, "{text}"))
    }

    /// Writes `text` as it is (its newlines included).
    pub fn text(&mut self, text: &str) -> bool {
        self.write(|w| w.write_all(text.as_bytes()))
    }

    /// Whether writing has failed so far.
    pub fn ok(&self) -> bool {
        self.failed.is_none()
    }

    /// Flushes what is written and ends the command `postoffice COMMAND`: with
    /// `status` when all was written or the reader went away (a closed pipe), or
    /// with a line on standard error and status 2 when the output could not be
    /// written.
    pub fn finish(mut self, command: &str, status: u8) -> ExitCode {
        if self.failed.is_none()
            && let Err(e) = self.w.flush()
        {
            self.failed = Some(e);
        }
        match self.failed {
            None => ExitCode::from(status),
            Some(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(status),
            Some(e) => {
                warn(format_args!(
                    "{}: cannot write to standard output: {e}",
                    name(command)
                ));
                ExitCode::from(2)
            }
        }
    }
}

/// `postoffice` or `postoffice COMMAND`.
fn name(command: &str) -> String {
    if command.is_empty() {
        "postoffice".to_string()
    } else {
        format!("postoffice {command}")
    }
}

/// Writes `text` and a newline on standard error, every control character made
/// visible. Errors are ignored: there is nowhere left to say them.
pub fn warn(text: impl Display) {
    let mut w = Visible::new(io::stderr().lock());
    let _ = writeln!(w, "{text}").and_then(|()| w.flush());
}

/// Writes one line on standard output for a program that goes on (the window):
/// made visible, and nothing said when it cannot be written.
pub fn note(text: impl Display) {
    let mut w = Visible::new(io::stdout().lock());
    let _ = writeln!(w, "{text}").and_then(|()| w.flush());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visible(pieces: &[&[u8]]) -> String {
        let mut v = Visible::new(Vec::new());
        for p in pieces {
            v.write_all(p).unwrap();
        }
        String::from_utf8(v.inner).unwrap()
    }

    #[test]
    fn control_characters_are_written_visibly_even_when_split() {
        assert_eq!(visible(&[b"a\x1b[2Jb\n"]), "a\\u{1b}[2Jb\n");
        let zh = "李雷\u{9b}".as_bytes();
        // Every way of cutting the bytes gives the same text.
        for cut in 0..zh.len() {
            assert_eq!(
                visible(&[&zh[..cut], &zh[cut..]]),
                "李雷\\u{9b}",
                "cut at {cut}"
            );
        }
        assert_eq!(visible(&[b"x\xffy"]), "x\u{fffd}y");
    }

    /// A writer that fails as a full disk does.
    struct Full;

    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from_raw_os_error(28))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failing_stream_fails_the_write() {
        let mut v = Visible::new(Full);
        assert!(writeln!(v, "hello").is_err());
    }
}
