"""Calls pipservices_tx.lambda_function.handler as the Lambda runtime does, in a fresh process (a cold start).

C{python run_handler.py EVENT_FILE...} (CONFIG_PATH in the environment): one JSON line per event,
the result or the error as the runtime reports it (errorType, errorMessage).
"""

import json
import sys

from pipservices_tx.aws import LambdaContext
from pipservices_tx.lambda_function import handler

for path in sys.argv[1:]:
    with open(path) as f:
        event = json.load(f)
    try:
        print(json.dumps({"result": handler(event, LambdaContext("beacons"))}), flush=True)
    except Exception as error:
        print(json.dumps({"errorType": type(error).__name__, "errorMessage": str(error)}), flush=True)
