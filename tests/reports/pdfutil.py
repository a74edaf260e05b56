"""Read generated PDFs the way a person (or an archive) would: with poppler's tools."""

import subprocess
import tempfile


def _run(tool: list[str], content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        return subprocess.run(
            [*tool, handle.name, *(["-"] if tool[0] == "pdftotext" else [])],
            check=True,
            capture_output=True,
        ).stdout.decode("utf-8")


def pdf_text(content: bytes) -> str:
    return _run(["pdftotext", "-layout"], content)


def pdf_metadata(content: bytes) -> str:
    """The XMP metadata stream, which declares the PDF/A conformance."""
    return _run(["pdfinfo", "-meta"], content)


def pdf_info(content: bytes) -> str:
    return _run(["pdfinfo"], content)
