"""LambdaClient against moto's server mode: a real SigV4 check and the Invoke API's wire format.

moto runs here without Docker, with its "simple" Lambda backend (config lambda.use_docker false):
it checks the signature (INITIAL_NO_AUTH_ACTION_COUNT makes it authenticate every request after the
setup ones) and the IAM policy of the caller, then answers the invocation's own payload instead of
running any code, and does not check that the function exists.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.request
from typing import Any

from twisted.internet import reactor
from twisted.internet.defer import ensureDeferred
from twisted.internet.task import deferLater
from twisted.internet.threads import deferToThread
from twisted.trial.unittest import SkipTest, TestCase

from pipservices_tx.aws import LambdaClient
from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import ForbiddenException
from pipservices_tx.testing import free_port

SETUP_ACTIONS = 5  # the IAM calls below, made before moto starts checking signatures
# (moto names the action of Invoke "lambda:Invoke", AWS "lambda:InvokeFunction": the policy allows both)




def setup_iam(url: str) -> dict[str, tuple[str, str]]:
    """A user allowed to invoke functions and one allowed nothing: their access keys."""
    import boto3

    request = urllib.request.Request(f"{url}/moto-api/config", data=json.dumps({"lambda": {"use_docker": False}})
                                     .encode(), method="POST", headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=10).read()
    iam = boto3.client("iam", endpoint_url=url, region_name="us-east-1", aws_access_key_id="setup",
                       aws_secret_access_key="setup")
    keys = {}
    for user in ("caller", "nobody"):
        iam.create_user(UserName=user)
        key = iam.create_access_key(UserName=user)["AccessKey"]
        keys[user] = (key["AccessKeyId"], key["SecretAccessKey"])
    iam.put_user_policy(UserName="caller", PolicyName="invoke", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "lambda:Invoke*", "Resource": "*"}]}))
    return keys


class MotoLambdaTests(TestCase):
    def setUp(self) -> Any:
        try:
            import moto.server  # noqa: F401
        except ImportError as e:
            if os.environ.get("CI"):
                raise AssertionError("moto[server] is missing, and CI requires it (pip install '.[dev]')") from e
            raise SkipTest("moto[server] is not installed") from e
        self.url = f"http://127.0.0.1:{free_port()}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", self.url.rsplit(":", 1)[1]],
            env=dict(os.environ, INITIAL_NO_AUTH_ACTION_COUNT=str(SETUP_ACTIONS)),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.addCleanup(self._stop)

        async def start() -> None:
            for _ in range(300):  # up to 30 s
                if self.process.poll() is not None:
                    self.fail("moto_server ended")
                with socket.socket() as s:
                    if s.connect_ex(("127.0.0.1", int(self.url.rsplit(":", 1)[1]))) == 0:
                        break
                await deferLater(reactor, 0.1, lambda: None)
            self.keys = await deferToThread(setup_iam, self.url)

        return ensureDeferred(start())

    def _stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)

    async def client(self, access_id: str, secret: str) -> LambdaClient:
        client = LambdaClient()
        client.configure(ConfigParams.from_tuples(
            "connection.function", "beacons", "connection.region", "us-east-1", "connection.uri", self.url,
            "credential.access_id", access_id, "credential.access_key", secret))
        await client.open(None)
        self.addCleanup(client.close)
        return client

    def test_signed_invocations_and_refusals(self) -> Any:
        async def run() -> None:
            client = await self.client(*self.keys["caller"])
            echoed = await client._call("beacons.get_beacon_by_id", "cid-1", {"id": "1", "deep": {"x": [1, "é"]}})
            self.assertEqual(echoed, {"id": "1", "deep": {"x": [1, "é"]}, "cmd": "beacons.get_beacon_by_id",
                                      "correlation_id": "cid-1"})
            self.assertIsNone(await client._call_one_way("beacons.get_beacon_by_id", "cid-2", {"id": "1"}))
            # What moto refuses: a wrong signature, an unknown key, a caller without the permission.
            access_id, secret = self.keys["caller"]
            cases = [((access_id, secret + "x"), "SignatureDoesNotMatch"),
                     (("AKIAUNKNOWNKEY000000", secret), "InvalidClientTokenId"),
                     (self.keys["nobody"], "AccessDenied")]
            for keys, code in cases:
                client = await self.client(*keys)
                with self.assertRaises(ForbiddenException) as raised:
                    await client._call("beacons.get_beacon_by_id", "cid-3", {"id": "1"})
                self.assertEqual((raised.exception.code, raised.exception.status, raised.exception.correlation_id),
                                 (code, 403, "cid-3"))
        return ensureDeferred(run())
