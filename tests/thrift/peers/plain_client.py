"""A blocking Thrift client from plain generated Python (thrift --gen py): calls our Twisted service.

Run as C{python plain_client.py GENERATED_DIR PORT}; prints what it got as one JSON object.
"""

import json
import sys

sys.path.insert(0, sys.argv[1])

from beacons_v1 import BeaconsV1  # noqa: E402
from beacons_v1.ttypes import BeaconV1, GeoPointV1, PagingParamsV1  # noqa: E402
from beacons_v1.ttypes import ErrorDescription as BeaconsError  # noqa: E402
from commandable import Commandable  # noqa: E402
from commandable.ttypes import ErrorDescription  # noqa: E402
from thrift.protocol import TBinaryProtocol  # noqa: E402
from thrift.Thrift import TApplicationException  # noqa: E402
from thrift.transport import TSocket, TTransport  # noqa: E402


def error(e):
    return {"type": e.type, "code": e.code, "status": e.status, "correlation_id": e.correlation_id,
            "details": json.loads(e.details) if e.details else None}


def main():
    transport = TTransport.TFramedTransport(TSocket.TSocket("127.0.0.1", int(sys.argv[2])))
    protocol = TBinaryProtocol.TBinaryProtocol(transport)
    commandable = Commandable.Client(protocol)
    beacons = BeaconsV1.Client(protocol)
    transport.open()
    out = {}
    out["generic"] = json.loads(commandable.invoke("get_beacon_by_id", "cid-1", json.dumps({"id": "1"})))
    try:
        commandable.invoke("create_beacon", "cid-2", json.dumps({"beacon": {"site_id": "1"}}))
    except ErrorDescription as e:
        out["generic_error"] = error(e)
    try:
        commandable.invoke("no_such_command", "cid-3", "{}")
    except ErrorDescription as e:
        out["unknown_command"] = error(e)
    created = beacons.create_beacon("cid-4", BeaconV1(site_id="7", udi="07777", center=GeoPointV1(coordinates=[1, 2])))
    out["created"] = {"id": created.id, "type": created.type, "center": created.center.coordinates}
    found = beacons.get_beacon_by_udi("cid-5", "07777")
    out["found"] = found.beacon.id
    out["missing"] = beacons.get_beacon_by_id("cid-6", "no-such-id").beacon
    page = beacons.get_beacons("cid-7", {"site_id": "7"}, PagingParamsV1(total=True))
    out["page"] = {"total": page.total, "udis": [b.udi for b in page.data]}
    try:
        beacons.update_beacon("cid-8", BeaconV1(id=created.id, site_id="7"))
    except BeaconsError as e:
        out["typed_error"] = error(e)
    out["deleted"] = beacons.delete_beacon_by_id("cid-9", created.id).beacon.udi
    try:  # an unknown method answers Thrift's own exception
        protocol.writeMessageBegin("no_such_method", 1, 99)
        protocol.writeStructBegin("args")
        protocol.writeFieldStop()
        protocol.writeStructEnd()
        protocol.writeMessageEnd()
        protocol.trans.flush()
        name, kind, seqid = protocol.readMessageBegin()
        failure = TApplicationException()
        failure.read(protocol)
        protocol.readMessageEnd()
        out["unknown_method"] = {"name": name, "kind": kind, "seqid": seqid, "type": failure.type}
    except TApplicationException as e:
        out["unknown_method"] = str(e)
    # The connection still works after all of that.
    out["after"] = json.loads(commandable.invoke("get_beacon_by_id", "cid-10", '{"id": "2"}'))["udi"]
    transport.close()
    print(json.dumps(out))


main()
