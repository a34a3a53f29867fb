"""Production DigiD (SAML with Logius) through django-digid-eherkenning, configured as in /beheer/: a
certificate with its key, the IdP's metadata, entity id and base URL. No network: the tests stop where
the package would talk to DigiD (the AuthnRequest form; an ACS without an artifact)."""

import datetime as dt
import functools

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from digid_eherkenning.models import ConfigCertificate, DigidConfiguration
from django.core.files.base import ContentFile
from django.test import Client
from simple_certmanager.constants import CertificateTypes
from simple_certmanager.models import Certificate

from stevig.portal import digid, principal
from stevig.testing.personas import web_client

IDP = "https://digid.example"
IDP_ENTITY = f"{IDP}/saml/idp/metadata"


@functools.cache
def _key_pair() -> tuple[bytes, bytes, str]:
    """One key pair per test process (an RSA key costs about 0.1 s of CPU to make)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "stevig.example")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    pem = cert.public_bytes(serialization.Encoding.PEM)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    body = "".join(pem.decode().strip().splitlines()[1:-1])
    return pem, key_pem, body


def _idp_metadata(cert_body: str) -> bytes:
    return f"""<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"
    xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="{IDP_ENTITY}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data>
      <ds:X509Certificate>{cert_body}</ds:X509Certificate>
    </ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:ArtifactResolutionService Binding="urn:oasis:names:tc:SAML:2.0:bindings:SOAP"
        Location="{IDP}/saml/idp/resolve_artifact" index="0"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
        Location="{IDP}/saml/idp/request_authentication"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
        Location="{IDP}/saml/idp/request_authentication"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>""".encode()


@pytest.fixture
def saml(settings, tmp_path):  # type: ignore[no-untyped-def]
    """DigiD configured as a beheerder does it in /beheer/, with the mock off (production)."""
    settings.DIGID_MOCK = False
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path)
    settings.SENDFILE_ROOT = str(tmp_path)
    pem, key_pem, body = _key_pair()
    certificate = Certificate(label="PKIoverheid (test)", type=CertificateTypes.key_pair)
    certificate.public_certificate.save("stevig.crt", ContentFile(pem), save=False)
    certificate.private_key.save("stevig.key", ContentFile(key_pem), save=False)
    certificate.save()
    config = DigidConfiguration.get_solo()
    config.entity_id = "https://stevig.example/"
    config.base_url = "https://stevig.example"
    config.service_name = "Mijn Stevig"
    config.idp_service_entity_id = IDP_ENTITY
    config.slo = False
    config.idp_metadata_file.save("metadata.xml", ContentFile(_idp_metadata(body)), save=False)
    config.save()
    ConfigCertificate.objects.create(config_type=config._as_config_type(), certificate=certificate)
    return config


def test_without_a_complete_configuration_there_is_no_digid(world, portal, settings):
    settings.DIGID_MOCK = False
    assert not digid.enabled()
    assert Client().get("/mijn/digid/login/").status_code == 404
    assert "kan hier nog niet" in Client().get("/mijn/").content.decode()


def test_single_logout_on_keeps_digid_off(world, portal, saml):
    assert digid.enabled()
    saml.slo = True
    saml.save()
    assert not digid.enabled()  # the package's single logout is not mounted: residents are not users


def test_the_login_posts_a_saml_request_to_digid(world, portal, saml):
    assert "Inloggen met DigiD" in Client().get("/mijn/").content.decode()
    client = Client()
    response = client.get("/mijn/digid/login/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'action="{IDP}/saml/idp/request_authentication"' in page
    assert 'name="SAMLRequest"' in page and "login_submit.js" in page
    assert "<script>" not in page and "style=" not in page
    # The CSP allows that one form target for this one response, nothing else.
    assert f"form-action 'self' {IDP}" in response["Content-Security-Policy"]
    assert IDP not in Client().get("/mijn/")["Content-Security-Policy"]
    assert client.session[digid.MUNICIPALITY_SESSION_KEY] == str(world.municipality.id)


def test_the_mock_pages_are_not_there_in_production(world, portal, saml):
    client = Client()
    assert (
        client.get("/mijn/digid/oefenomgeving/inloggen/?acs=/mijn/digid/acs/&next=/mijn/").status_code == 404
    )
    # A BSN in the URL means nothing to the SAML ACS: without an artifact from DigiD nobody logs in.
    response = client.get("/mijn/digid/acs/?bsn=999970124")
    assert response["Location"] == "/mijn/?digid=mislukt"
    assert principal.SESSION_KEY not in client.session


def test_stevigs_saml_metadata_for_logius(world, portal, saml):
    response = Client().get("/mijn/digid/metadata/")
    assert response.status_code == 200
    xml = response.content.decode()
    assert 'entityID="https://stevig.example/"' in xml
    assert "https://stevig.example/mijn/digid/acs/" in xml


def test_the_configuration_page_in_beheer_is_for_a_superuser(world, portal, saml):
    from stevig.testing import factories as f

    url = "/beheer/digid_eherkenning/digidconfiguration/"
    # One configuration per installation: a beheerder of one municipality may not change it.
    assert web_client(world.admin).get(url).status_code == 403
    superuser = f.UserFactory(
        username="root", municipality=world.municipality, is_staff=True, is_superuser=True
    )
    response = web_client(superuser).get(url)
    assert response.status_code == 200
    assert "/mijn/digid/metadata/" in response.content.decode()  # the package's link to the SP metadata
