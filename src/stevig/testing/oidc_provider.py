"""A small OpenID Connect provider for the tests: its own RSA key, on 127.0.0.1, no internet.

It serves what a real provider serves and checks what a real one checks:
* `GET /.well-known/openid-configuration` (discovery) and `GET /jwks` (the public key);
* `GET /authorize`: "logs in" the person the test chose (`provider.person`) and sends the browser back
  to the client's redirect_uri with a code (the nonce and PKCE challenge are kept with the code);
* `POST /token`: client id and secret, the code (once), the redirect_uri and the PKCE verifier; it
  answers an ID token signed with RS256 (claims changeable per test through `provider.id_token_claims`);
* `GET /userinfo`: the person's claims for the access token.

    with LocalOIDCProvider() as provider:
        with override_settings(**provider.django_settings()): ...
"""

import base64
import functools
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "stevig-test"
CLIENT_SECRET = "test-geheim-niet-echt"
KID = "test-sleutel-1"


@functools.cache
def _key(number: int) -> rsa.RSAPrivateKey:
    """RSA key `number` of this test process: generating a 2048-bit key costs about 0.1 s of CPU, so each is
    made once. Key 0 is the provider's, key 1 the one it does not publish (`other_key`)."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class LocalOIDCProvider:
    def __init__(self) -> None:
        self.key = _key(0)
        self.signing_key = self.key  # a test may sign with another key to prove the signature is checked
        self.person: dict[str, Any] = {"sub": "medewerker-1", "email": "", "email_verified": True}
        self.id_token_claims: dict[str, Any] = {}  # added to / replacing the ID token's claims; None drops
        self.codes: dict[str, dict[str, Any]] = {}
        self.access_tokens: dict[str, dict[str, Any]] = {}
        self.token_requests = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        # shutdown() waits until serve_forever next looks at its flag: with the default 0.5 s poll every
        # test using the provider slept about 0.45 s in its teardown.
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    def __enter__(self) -> "LocalOIDCProvider":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
        }

    def django_settings(self, discovery: dict[str, Any] | None = None) -> dict[str, Any]:
        """The settings Stevig reads from STEVIG_OIDC_* (see settings.py), filled from discovery."""
        d = discovery or self.discovery()
        return {
            "OIDC_ENABLED": True,
            "OIDC_OP_ISSUER": d["issuer"],
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": d["authorization_endpoint"],
            "OIDC_OP_TOKEN_ENDPOINT": d["token_endpoint"],
            "OIDC_OP_USER_ENDPOINT": d["userinfo_endpoint"],
            "OIDC_OP_JWKS_ENDPOINT": d["jwks_uri"],
        }

    def jwks(self) -> dict[str, Any]:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**jwk, "kid": KID, "alg": "RS256", "use": "sig"}]}

    # --- what the endpoints do ----------------------------------------------------------------------

    def _authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
            return 400, {}, b"unknown client"
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "nonce": query.get("nonce"),
            "challenge": query.get("code_challenge"),
            "redirect_uri": query["redirect_uri"],
            "person": dict(self.person),
        }
        location = f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"
        return 302, {"Location": location}, b""

    def _token(self, form: dict[str, str], auth_header: str) -> tuple[int, dict[str, str], bytes]:
        self.token_requests += 1
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        if auth_header.startswith("Basic "):
            client_id, _, client_secret = base64.b64decode(auth_header[6:]).decode().partition(":")
        if client_id != CLIENT_ID or client_secret != CLIENT_SECRET:
            return 401, {}, b'{"error": "invalid_client"}'
        grant = self.codes.pop(form.get("code", ""), None)  # a code works once
        if grant is None or form.get("redirect_uri") != grant["redirect_uri"]:
            return 400, {}, b'{"error": "invalid_grant"}'
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if grant["challenge"] and challenge != grant["challenge"]:
            return 400, {}, b'{"error": "invalid_grant", "error_description": "PKCE"}'
        now = int(time.time())
        person = grant["person"]
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "sub": person["sub"],
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": grant["nonce"],
            "amr": ["pwd", "mfa"],
        }
        for name, value in self.id_token_claims.items():
            if value is None:
                claims.pop(name, None)
            else:
                claims[name] = value
        id_token = jwt.encode(claims, self.signing_key, algorithm="RS256", headers={"kid": KID})
        access_token = secrets.token_urlsafe(16)
        self.access_tokens[access_token] = person
        body = {"access_token": access_token, "token_type": "Bearer", "expires_in": 300, "id_token": id_token}
        return 200, {"Content-Type": "application/json"}, json.dumps(body).encode()

    def _userinfo(self, auth_header: str) -> tuple[int, dict[str, str], bytes]:
        person = self.access_tokens.get(auth_header.removeprefix("Bearer "))
        if person is None:
            return 401, {}, b""
        return 200, {"Content-Type": "application/json"}, json.dumps(person).encode()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # quiet test output
                return

            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _json(self, data: dict[str, Any]) -> None:
                self._send(200, {"Content-Type": "application/json"}, json.dumps(data).encode())

            def do_GET(self) -> None:
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/.well-known/openid-configuration":
                    self._json(provider.discovery())
                elif url.path == "/jwks":
                    self._json(provider.jwks())
                elif url.path == "/authorize":
                    self._send(*provider._authorize(query))
                elif url.path == "/userinfo":
                    self._send(*provider._userinfo(self.headers.get("Authorization", "")))
                else:
                    self._send(404, {}, b"")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if urlsplit(self.path).path == "/token":
                    self._send(*provider._token(form, self.headers.get("Authorization", "")))
                else:
                    self._send(404, {}, b"")

        return Handler


def other_key() -> rsa.RSAPrivateKey:
    """A key the provider does not publish: a token signed with it must be refused."""
    return _key(1)
