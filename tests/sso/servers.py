"""The real servers the single sign-on tests talk to: a private OpenLDAP slapd (Debian's slapd and
ldap-utils, `make ldap-deps`) and panva's oidc-provider under Node (package.json devDependency).
Each runs on a free loopback port from a temporary directory and is stopped after the tests."""

import base64
import json
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SLAPD = shutil.which("slapd") or "/usr/sbin/slapd"
BASE_DN = "dc=tinh,dc=gov,dc=vn"
ADMIN_DN = f"cn=admin,{BASE_DN}"
ADMIN_PASSWORD = "mat-khau-quan-tri-thu-muc"
OIDC_CLIENT_SECRET = "bi-mat-cua-isoplan-khi-thu"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, what: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            pytest.fail(f"{what} exited at start (code {process.returncode}):\n{output}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    process.kill()
    pytest.fail(f"{what} did not listen on 127.0.0.1:{port} within {seconds} s")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass
class DirectoryPerson:
    uid: str
    password: str
    full_name: str
    email: str


@dataclass
class Directory:
    uri: str
    people_base: str


def _ldif_value(name: str, value: str) -> str:
    # Vietnamese names are not plain ASCII: LDIF carries them base64-encoded ("name:: …").
    if value.isascii():
        return f"{name}: {value}"
    return f"{name}:: {base64.b64encode(value.encode()).decode()}"


def _ldif(people: list[DirectoryPerson]) -> str:
    entries = [
        f"dn: {BASE_DN}\nobjectClass: dcObject\nobjectClass: organization\ndc: tinh\no: Tinh",
        f"dn: ou=people,{BASE_DN}\nobjectClass: organizationalUnit\nou: people",
    ]
    for person in people:
        family, _, given = person.full_name.rpartition(" ")
        entries.append(
            "\n".join(
                [
                    f"dn: uid={person.uid},ou=people,{BASE_DN}",
                    "objectClass: inetOrgPerson",
                    f"uid: {person.uid}",
                    _ldif_value("cn", person.full_name),
                    _ldif_value("sn", family or given),
                    f"mail: {person.email}",
                    f"userPassword: {person.password}",
                ]
            )
        )
    return "\n\n".join(entries) + "\n"


def start_slapd(tmp: Path, people: list[DirectoryPerson]):
    """A slapd with an mdb database under ``tmp``, filled with ``people`` by ldapadd. Yields the
    Directory; the caller stops it with the returned process."""
    if not Path(SLAPD).exists() or not shutil.which("ldapadd"):
        pytest.fail("slapd and ldapadd are needed: `make ldap-deps` (Debian's slapd, ldap-utils)")
    (tmp / "db").mkdir()
    conf = tmp / "slapd.conf"
    conf.write_text(
        "\n".join(
            [
                "include /etc/ldap/schema/core.schema",
                "include /etc/ldap/schema/cosine.schema",
                "include /etc/ldap/schema/inetorgperson.schema",
                f"pidfile {tmp / 'slapd.pid'}",
                "modulepath /usr/lib/ldap",
                "moduleload back_mdb",
                # Passwords are for binding only; the service account reads the rest.
                "access to attrs=userPassword by anonymous auth by * none",
                f'access to * by dn.exact="{ADMIN_DN}" read by self read by * none',
                "database mdb",
                f'suffix "{BASE_DN}"',
                f'rootdn "{ADMIN_DN}"',
                f"rootpw {ADMIN_PASSWORD}",
                f"directory {tmp / 'db'}",
                "maxsize 10485760",
                "",
            ]
        )
    )
    port = free_port()
    uri = f"ldap://127.0.0.1:{port}"
    process = subprocess.Popen(
        [SLAPD, "-f", str(conf), "-h", uri, "-d", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    _wait_for_port(port, process, "slapd")
    added = subprocess.run(
        ["ldapadd", "-x", "-H", uri, "-D", ADMIN_DN, "-w", ADMIN_PASSWORD],
        input=_ldif(people),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    if added.returncode != 0:
        _stop(process)
        pytest.fail(f"ldapadd failed: {added.stderr}")
    return Directory(uri=uri, people_base=f"ou=people,{BASE_DN}"), process


@dataclass
class Provider:
    issuer: str


def start_oidc_provider(accounts: dict[str, dict], redirect_uri: str):
    node = shutil.which("node")
    script = HERE / "oidc_provider.mjs"
    if node is None or not (HERE.parent.parent / "node_modules" / "oidc-provider").exists():
        pytest.fail("Node and oidc-provider are needed: `npm ci` (package.json devDependencies)")
    port = free_port()
    process = subprocess.Popen(
        [node, str(script)],
        cwd=HERE,
        env={
            **os.environ,
            "PORT": str(port),
            "REDIRECT_URI": redirect_uri,
            "CLIENT_SECRET": OIDC_CLIENT_SECRET,
            "ACCOUNTS": json.dumps(accounts),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    _wait_for_port(port, process, "oidc-provider")
    return Provider(issuer=f"http://127.0.0.1:{port}"), process
