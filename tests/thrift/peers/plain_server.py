"""A blocking Thrift server from plain generated Python (thrift --gen py): our Twisted client calls it.

Run as C{python plain_server.py GENERATED_DIR}; prints its port on the first line, then serves
Commandable and BeaconsV1 multiplexed (TMultiplexedProcessor) until killed.
"""

import json
import sys

sys.path.insert(0, sys.argv[1])

from beacons_v1 import BeaconsV1  # noqa: E402
from beacons_v1.ttypes import BeaconResultV1, BeaconV1, GeoPointV1  # noqa: E402
from commandable import Commandable  # noqa: E402
from commandable.ttypes import ErrorDescription  # noqa: E402
from thrift.protocol import TBinaryProtocol  # noqa: E402
from thrift.server import TServer  # noqa: E402
from thrift.TMultiplexedProcessor import TMultiplexedProcessor  # noqa: E402
from thrift.transport import TSocket, TTransport  # noqa: E402


class CommandableHandler:
    def invoke(self, name, correlation_id, args_json):
        args = json.loads(args_json or "{}")
        if name == "echo":
            return json.dumps({"args": args, "correlation_id": correlation_id})
        if name == "conflict":
            raise ErrorDescription(type="ConflictException", category="Conflict", status=409, code="DUPLICATE",
                                   message="Already there", details=json.dumps({"key": args.get("key")}),
                                   correlation_id=correlation_id, cause="a plain Python server")
        raise ErrorDescription(category="BadRequest", status=400, code="NO_COMMAND", message=f"No {name}",
                               correlation_id=correlation_id)


class BeaconsHandler:
    def get_beacon_by_id(self, correlation_id, beacon_id):
        if beacon_id == "1":
            return BeaconResultV1(BeaconV1(id="1", site_id="1", udi="00001", center=GeoPointV1(coordinates=[0, 0])))
        return BeaconResultV1()


def main():
    processor = TMultiplexedProcessor()
    processor.registerProcessor("Commandable", Commandable.Processor(CommandableHandler()))
    processor.registerProcessor("BeaconsV1", BeaconsV1.Processor(BeaconsHandler()))
    socket = TSocket.TServerSocket(host="127.0.0.1", port=0)
    socket.listen()
    socket.listen = lambda: None  # serve() would bind again
    print(socket.handle.getsockname()[1], flush=True)
    server = TServer.TThreadedServer(processor, socket, TTransport.TFramedTransportFactory(),
                                     TBinaryProtocol.TBinaryProtocolFactory(), daemon=True)
    server.serve()


main()
