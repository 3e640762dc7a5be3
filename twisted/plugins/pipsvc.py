"""twistd plugin: C{twistd -n pipsvc -c config.yml}."""

from pipservices_tx.container._plugin import PipsvcServiceMaker

pipsvc = PipsvcServiceMaker()
