"""Writing passphrase-protected age v1 files with a chosen scrypt work factor.

Why this exists: pyrage (our age implementation) picks the scrypt work factor
itself by timing the machine (about 2^20 here, several seconds) and offers no
way to choose it. SecureBase needs a fixed default of 18 (what the reference
``age`` tool uses) and a low factor in tests. So this module *writes* the one
recipient type pyrage cannot parameterise, following the age v1
specification (C2SP age.md: the scrypt stanza, the header MAC, the STREAM
payload), built only from ``cryptography`` primitives.

Rules: nothing here decrypts. Every file written here is read back by
pyrage (rage) in production, and the tests also decrypt it with the
reference ``age`` command line, so a mistake here cannot go unnoticed.
"""

import base64
import hashlib
import hmac
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

DEFAULT_WORK_FACTOR = 18
MIN_WORK_FACTOR, MAX_WORK_FACTOR = 1, 22
_CHUNK = 64 * 1024
_INTRO = b"age-encryption.org/v1\n"


def encrypt(plaintext: bytes, passphrase: str, work_factor: int = DEFAULT_WORK_FACTOR) -> bytes:
    """An age v1 file of ``plaintext`` with a single scrypt recipient."""
    if not MIN_WORK_FACTOR <= work_factor <= MAX_WORK_FACTOR:
        raise ValueError(f"work factor must be {MIN_WORK_FACTOR}-{MAX_WORK_FACTOR}")
    file_key = os.urandom(16)
    header = _header(file_key, passphrase.encode("utf-8"), work_factor)
    return header + _payload(file_key, plaintext)


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _hkdf(key: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(key)


def _header(file_key: bytes, passphrase: bytes, work_factor: int) -> bytes:
    salt = os.urandom(16)
    wrap_key = Scrypt(
        salt=b"age-encryption.org/v1/scrypt" + salt, length=32, n=2**work_factor, r=8, p=1
    ).derive(passphrase)
    body = ChaCha20Poly1305(wrap_key).encrypt(bytes(12), file_key, None)
    # A 32-byte body is 43 base64 characters: one line, shorter than 64 as required.
    stanza = b"-> scrypt " + _b64(salt) + b" " + str(work_factor).encode() + b"\n" + _b64(body)
    header = _INTRO + stanza + b"\n---"
    mac = hmac.new(_hkdf(file_key, b"", b"header"), header, hashlib.sha256).digest()
    return header + b" " + _b64(mac) + b"\n"


def _payload(file_key: bytes, plaintext: bytes) -> bytes:
    nonce = os.urandom(16)
    aead = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
    chunks = [plaintext[i : i + _CHUNK] for i in range(0, len(plaintext), _CHUNK)] or [b""]
    sealed = [
        aead.encrypt(index.to_bytes(11, "big") + bytes([index == len(chunks) - 1]), chunk, None)
        for index, chunk in enumerate(chunks)
    ]
    return nonce + b"".join(sealed)
