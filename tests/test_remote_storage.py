"""fsspec roots: the flow reads inputs from and writes its tables to S3, against a real
S3-compatible server (moto in server mode) on loopback, through s3fs and boto3."""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import time

import pyarrow.parquet as pq
import pytest
from support import SEEDS

from camket.contract import TABLES
from camket.ledger import ledger_summary
from camket.serve import free_port
from camket.store import ParquetStore, StoreLockedError
from flows.extract import run_extract

BUCKET = "camket-test"


@pytest.fixture(scope="module")
def s3_server(tmp_path_factory):
    """moto's S3 server on a free loopback port; the AWS env points s3fs and boto3 at it."""
    port = free_port()
    log = open(tmp_path_factory.mktemp("moto") / "moto.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    env = {
        "AWS_ENDPOINT_URL_S3": f"http://127.0.0.1:{port}",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("moto server did not start") from None
                time.sleep(0.2)
        import boto3

        client = boto3.client("s3")
        client.create_bucket(Bucket=BUCKET)
        yield client
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
        log.close()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def s3_keys(client, prefix: str) -> list[str]:
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=prefix)
    return sorted(obj["Key"] for page in pages for obj in page.get("Contents", []))


def test_flow_reads_and_writes_s3(s3_server, prefect_harness, tmp_path):
    client = s3_server
    for path in sorted(SEEDS.glob("*.txt")):
        client.upload_file(str(path), BUCKET, f"in/{path.name}")
    client.put_object(Bucket=BUCKET, Key="in/empty.txt", Body=b"")

    summary = run_extract(f"s3://{BUCKET}/in", f"s3://{BUCKET}/out", batch_size=2)
    assert summary["files_new"] == 5 and summary["files_quarantined"] == 1
    assert summary["articles_cleaned"] == 5 and summary["quarantined"] == 1

    keys = s3_keys(client, "out/")
    assert not [k for k in keys if "/staging/" in k or "/journal/" in k or k.endswith("/lock")]
    for table in TABLES:
        parts = [k for k in keys if k.startswith(f"out/{table}/") and k.endswith(".parquet")]
        assert parts, table
        # each object is a whole Parquet file, read with the plain S3 client
        body = client.get_object(Bucket=BUCKET, Key=parts[0])["Body"].read()
        assert pq.read_metadata(io.BytesIO(body)).metadata[b"camket.table"] == table.encode()
    articles = [
        pq.read_table(io.BytesIO(client.get_object(Bucket=BUCKET, Key=k)["Body"].read()))
        for k in keys
        if k.startswith("out/articles/")
    ]
    assert sum(t.num_rows for t in articles) == 5
    docs = {d for t in articles for d in t.column("doc").to_pylist()}
    assert docs == {p.stem for p in SEEDS.glob("*.txt")}
    assert all(
        u.startswith(f"s3://{BUCKET}/in/")
        for t in articles
        for u in t.column("source_uri").to_pylist()
    )

    # The ledger lives in the bucket too: a rerun reads nothing; a new object is the only one read.
    again = run_extract(f"s3://{BUCKET}/in", f"s3://{BUCKET}/out", batch_size=2)
    assert again["files_unchanged"] == 6 and again["batches"] == 0
    client.put_object(
        Bucket=BUCKET,
        Key="in/new.txt",
        Body="Việt Nam và Lào tăng cường hợp tác giáo dục\nNgày 2/3/2024, hai bên nhất trí hợp tác về giáo dục.\n".encode(),
    )
    third = run_extract(f"s3://{BUCKET}/in", f"s3://{BUCKET}/out", batch_size=2)
    assert third["files_new"] == 1 and third["files_unchanged"] == 6
    status = ledger_summary(ParquetStore(f"s3://{BUCKET}/out"))
    assert status["rows"]["articles"] == 6 and status["files"] == 7


def test_object_store_lease_refuses_a_second_writer(s3_server):
    with ParquetStore(f"s3://{BUCKET}/leased"), pytest.raises(StoreLockedError):
        ParquetStore(f"s3://{BUCKET}/leased").open()
    with ParquetStore(f"s3://{BUCKET}/leased"):  # released on close
        pass
