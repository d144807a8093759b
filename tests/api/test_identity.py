"""Identity and the pure pieces under the API: tokens (local and OIDC through a real
JWKS endpoint), secrets on disk, opaque ids, masking, bureau names, the page and
request-id rules, and the operations endpoints."""

from __future__ import annotations

import json
import stat
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from cluehub.api import masking
from cluehub.api.audit import bureau_prefix
from cluehub.api.bureaus import bureau_name
from cluehub.api.errors import AuthError, BadInput
from cluehub.api.graphql_http import negotiate
from cluehub.api.identity import Authenticator, issue_token, parse_ttl
from cluehub.api.observability import request_id_from
from cluehub.api.opaque_ids import OpaqueIds
from cluehub.api.secrets import SecretError, load_or_create
from cluehub.settings import load
from tests import CLUEHUB


@pytest.mark.parametrize(
    ("text", "seconds"), [("8h", 28800), ("30m", 1800), ("1d", 86400), ("1h30m", 5400)]
)
def test_ttl(text: str, seconds: int) -> None:
    assert parse_ttl(text) == seconds


@pytest.mark.parametrize("text", ["", "8", "h", "10s", "31d", "1x", "-1h"])
def test_ttl_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_ttl(text)


def test_local_token_round_trip_and_secret_file(tmp_path: Path) -> None:
    settings = load(data_dir=tmp_path)
    token = issue_token(settings, sub="lin", name="林晓", bureau="350304", role="coordinator")
    secret = tmp_path / "jwt-secret"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    viewer = Authenticator(settings).authenticate(f"Bearer {token}")
    assert (viewer.sub, viewer.name, viewer.bureau, viewer.role) == (
        "lin", "林晓", "350304", "coordinator",
    )  # fmt: skip
    assert viewer.scope == "350304"
    claims = jwt.decode(token, options={"verify_signature": False})
    assert set(claims) == {"sub", "name", "bureau", "role", "exp", "iat", "iss"}
    assert claims["exp"] - claims["iat"] == 8 * 3600
    national = issue_token(settings, sub="samr", bureau="100000", role="supervisor")
    assert Authenticator(settings).authenticate(f"Bearer {national}").scope is None
    # Same data dir, same secret; another data dir refuses the token.
    assert load_or_create(tmp_path, "jwt-secret", None, "X") == secret.read_text().encode()
    other = load(data_dir=tmp_path / "other")
    with pytest.raises(AuthError, match="refused"):
        Authenticator(other).authenticate(f"Bearer {token}")
    secret.chmod(0o644)
    with pytest.raises(SecretError, match="chmod 600"):
        load_or_create(tmp_path, "jwt-secret", None, "X")


@pytest.mark.parametrize(
    ("bureau", "role", "message"),
    [("999999", "admin", "not a known"), ("35030", "admin", "not a known"),
     ("350304", "root", "not one of")],
)  # fmt: skip
def test_token_claims_are_checked(tmp_path: Path, bureau: str, role: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        issue_token(load(data_dir=tmp_path), sub="x", bureau=bureau, role=role)


def test_local_tokens_can_be_turned_off(tmp_path: Path) -> None:
    token = issue_token(load(data_dir=tmp_path), sub="x", bureau="350304", role="admin")
    with pytest.raises(AuthError, match="not accepted"):
        Authenticator(load(data_dir=tmp_path, local_tokens=False)).authenticate(f"Bearer {token}")


@pytest.fixture
def jwks_server() -> Iterator[tuple[str, rsa.RSAPrivateKey]]:
    """A real JWKS endpoint on loopback serving one RSA key (kid 'k1')."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    body = json.dumps({"keys": [jwk | {"kid": "k1", "use": "sig", "alg": "RS256"}]}).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/jwks", key
    server.shutdown()


def test_oidc_tokens_are_checked_against_the_issuers_jwks(
    tmp_path: Path, jwks_server: tuple[str, rsa.RSAPrivateKey]
) -> None:
    url, key = jwks_server
    issuer = "https://sso.samr.example/realms/enforcement"
    settings = load(
        data_dir=tmp_path, oidc_issuer=issuer, oidc_jwks_url=url, oidc_audience="cluehub"
    )
    auth = Authenticator(settings)
    claims = {
        "sub": "u-17", "name": "王敏", "bureau": "330782", "role": "investigator",
        "iss": issuer, "aud": "cluehub", "iat": int(time.time()), "exp": int(time.time()) + 3600,
    }  # fmt: skip
    good = jwt.encode(claims, key, algorithm="RS256", headers={"kid": "k1"})
    viewer = auth.authenticate(f"Bearer {good}")
    assert (viewer.sub, viewer.bureau, viewer.issuer) == ("u-17", "330782", issuer)

    wrong_aud = jwt.encode(claims | {"aud": "other"}, key, algorithm="RS256", headers={"kid": "k1"})
    with pytest.raises(AuthError, match=r"(?i)audience"):
        auth.authenticate(f"Bearer {wrong_aud}")
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(claims, other_key, algorithm="RS256", headers={"kid": "k1"})
    with pytest.raises(AuthError, match="refused"):
        auth.authenticate(f"Bearer {forged}")
    # An HS256 token claiming the OIDC issuer, signed with the public key: refused.
    public_pem = key.public_key().public_bytes(
        encoding=__import__("cryptography").hazmat.primitives.serialization.Encoding.PEM,
        format=__import__(
            "cryptography"
        ).hazmat.primitives.serialization.PublicFormat.SubjectPublicKeyInfo,
    )
    confused = jwt.encode(
        claims, public_pem.decode()[:64] * 2, algorithm="HS256", headers={"kid": "k1"}
    )
    with pytest.raises(AuthError):
        auth.authenticate(f"Bearer {confused}")
    no_bureau = jwt.encode(
        {k: v for k, v in claims.items() if k != "bureau"},
        key,
        algorithm="RS256",
        headers={"kid": "k1"},
    )
    with pytest.raises(AuthError, match="bureau"):
        auth.authenticate(f"Bearer {no_bureau}")


@pytest.mark.slow  # runs the cluehub command
def test_cli_token(tmp_path: Path) -> None:
    assert Path(CLUEHUB).exists(), f"the cluehub console script is not installed: {CLUEHUB}"
    out = subprocess.run(
        [CLUEHUB, "token", "--user", "zhang", "--bureau", "350300", "--role", "supervisor",
         "--ttl", "30m", "--data-dir", str(tmp_path)],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    viewer = Authenticator(load(data_dir=tmp_path)).authenticate(f"Bearer {out}")
    assert (viewer.sub, viewer.role, viewer.bureau) == ("zhang", "supervisor", "350300")
    bad = subprocess.run(
        [CLUEHUB, "token", "--user", "x", "--bureau", "350300", "--role", "god",
         "--data-dir", str(tmp_path)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert bad.returncode != 0 and "not one of" in bad.stderr


def test_opaque_ids_are_deterministic_authenticated_and_opaque() -> None:
    codec = OpaqueIds(b"s" * 48)
    key = "tel:+8613812345678"
    first = codec.encode(key)
    assert first == codec.encode(key) and codec.decode(first) == key
    assert "138" not in first and "tel" not in first
    assert codec.encode("tel:+8613812345679") != first
    assert OpaqueIds(b"t" * 48).encode(key) != first
    tampered = first[:-2] + ("A" if first[-2] != "A" else "B") + first[-1]
    for bad in (tampered, "e1_", key, "x" * 2000):
        with pytest.raises(BadInput):
            codec.decode(bad)
    with pytest.raises(BadInput):
        OpaqueIds(b"t" * 48).decode(first)


@pytest.mark.parametrize(
    ("kind", "key", "props", "masked_key", "masked_props"),
    [
        ("Phone", "tel:+8613812345678", {}, "tel:138****5678", {}),
        ("Person", "person:sf/1/张伟", {"name": "张伟"}, "person:张*", {"name": "张*"}),
        ("Address", "addr:福建省莆田市荔城区黄石镇工业路12号",
         {"text": "福建省莆田市荔城区黄石镇工业路12号"},
         "addr:福建省莆田市荔城区****", {"text": "福建省莆田市荔城区****"}),
        ("IdCard", "idcard:350304199001011234", {}, "idcard:3503**********1234", {}),
        ("Waybill", "waybill:SF:SF1311234567890", {"sender_name": "李娜", "weight_kg": 1.5},
         "waybill:SF:SF1311234567890", {"sender_name": "李*", "weight_kg": 1.5}),
        ("Company", "uscc:91350300MA2YB8XK0X", {"legal_rep": "王芳", "name": "某某鞋业"},
         "uscc:91350300MA2YB8XK0X", {"legal_rep": "王*", "name": "某某鞋业"}),
        ("Complaint", "complaint:12315:1", {"text": "我叫张伟，电话13812345678"},
         "complaint:12315:1", {"text": "[masked: 18 characters]"}),
    ],
)  # fmt: skip
def test_masking(kind: str, key: str, props: dict, masked_key: str, masked_props: dict) -> None:
    assert masking.masked_key(key) == masked_key
    assert masking.mask_props(kind, props) == masked_props


def test_bureaus_prefixes_negotiation_and_request_ids() -> None:
    assert bureau_name("100000") == "国家市场监督管理总局"
    assert bureau_name("350300") == "莆田市市场监督管理局"
    assert bureau_name("350304") == "莆田市荔城区市场监督管理局"
    assert bureau_name("110101") == "北京市东城区市场监督管理局"
    assert [bureau_prefix(c) for c in ("350000", "350300", "350304")] == ["35", "3503", "350304"]
    assert (
        negotiate(None) == negotiate("*/*") == negotiate("application/json") == "application/json"
    )
    assert negotiate("application/graphql-response+json, application/json;q=0.9") == (
        "application/graphql-response+json"
    )
    assert negotiate("application/json, application/graphql-response+json;q=0.5") == (
        "application/json"
    )
    assert negotiate("text/html") is None
    assert request_id_from([(b"x-request-id", b"abc-123")]) == "abc-123"
    generated = request_id_from([(b"x-request-id", b"bad id\n{json}")])
    assert len(generated) == 32 and generated.isalnum()
