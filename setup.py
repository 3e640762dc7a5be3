"""pipservices_tx: composable Pip.Services microservices on Twisted."""

from setuptools import find_packages, setup

setup(
    name="pipservices_tx",
    version="0.1.0",
    description="Composable Pip.Services microservices on Twisted",
    long_description=open("README.rst", encoding="utf-8").read(),
    long_description_content_type="text/x-rst",
    license="MIT",
    python_requires=">=3.10",
    # The project root is the source root: an editable install then puts it on
    # sys.path, where twistd looks for twisted/plugins/pipsvc.py.
    package_dir={"": "."},
    packages=find_packages(include=["pipservices_tx", "pipservices_tx.*"]) + ["twisted.plugins"],
    package_data={"twisted": ["plugins/pipsvc.py"], "pipservices_tx": ["py.typed", "thrift/commandable.thrift"]},
    install_requires=[
        "twisted[tls]>=23.10",
        "klein>=23.5",
        "treq>=23.11",
        "txmongo>=26.0",
        "txredisapi>=1.4.10",
        "pyyaml>=6.0",
        "zope.interface>=6.0",
        "attrs>=23.1",
        "swagger-ui-bundle>=1.1",
        "PyJWT[crypto]>=2.10",  # bearer tokens: HS*, RS*, ES* and keys from a JWKS URL
        "orjson>=3.8",  # the result encoder (services._json), with the standard one as reference
        "httptools>=0.6",  # llhttp: the HTTP/1.1 request parser of HttpEndpoint
    ],
    extras_require={
        "postgres": ["psycopg2-binary>=2.9"],
        "mysql": ["pymysql>=1.0"],
        "thrift": ["thrift>=0.16"],
        "aws": ["botocore>=1.31"],
        "rabbitmq": ["pika>=1.3"],
        "mqtt": ["paho-mqtt>=2.0,<3"],
        "dev": [
            "thrift>=0.16",
            "botocore>=1.31",
            "moto[server,awslambda]>=5.0",  # a local Lambda API for the LambdaClient tests
            "psycopg2-binary>=2.9",
            "pymysql>=1.0",
            "hypothesis>=6.100",
            "mypy>=1.10",
            "mypy-zope>=1.0.5",
            "ruff>=0.5",
            "import-linter>=2.0",
            "types-PyYAML",
            "mockupdb>=1.8",
            "mongomock>=4.1",
            "prometheus_client>=0.20",
            "openapi-spec-validator>=0.7",
            "pip-services3-rpc==3.3.4",  # interoperability tests and benchmark peer
            "aiohttp>=3.9",  # benchmark peer (benchmarks/baselines/raw_aiohttp.py)
            "pika>=1.3",
            "paho-mqtt>=2.0,<3",
            "nats-py>=2.6",  # the raw NATS client of the messaging tests and benchmark
            "pip-services3-messaging==3.1.2",  # envelope interoperability
            "sphinx>=7.2",
            "kubernetes-validate>=1.28",
        ],
    },
    classifiers=[
        "Framework :: Twisted",
        "Programming Language :: Python :: 3",
        "License :: OSI Approved :: MIT License",
    ],
)
