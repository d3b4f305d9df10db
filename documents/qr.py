"""The QR codes' matrices, encoded in worker processes during a batch of certificates.

Nothing here imports Django: a worker is a fresh interpreter that loads this module alone, so it
takes a few megabytes, not a copy of the process that issues the certificates.
"""

import segno


def matrix(url: str):
    # A fixed mask: choosing the best of eight costs 15 ms a code, and every mask is valid.
    return segno.make(url, error="m", mask=2, boost_error=False).matrix
