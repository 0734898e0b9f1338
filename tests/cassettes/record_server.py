"""Serve the recording model on 127.0.0.1:18080 with llama.cpp (xllamacpp); see README.md.

Run it with the recording venv, never the project venv::

    /tmp/llmvenv/bin/python tests/cassettes/record_server.py /tmp/qwen.gguf
"""

from __future__ import annotations

import sys
import time

import xllamacpp

PORT = 18080
"""Fixed port: the cassettes' request URIs contain it."""


def main(model_path: str) -> None:
    """Start the OpenAI-compatible server and keep it running until interrupted."""
    params = xllamacpp.CommonParams()
    params.model.path = model_path
    params.n_ctx = 4096
    params.n_parallel = 1
    params.cpuparams.n_threads = 2
    params.cpuparams_batch.n_threads = 2
    params.hostnames = ["127.0.0.1"]
    params.port = PORT
    params.use_jinja = True
    server = xllamacpp.Server(params)
    print("listening", server.listening_address, flush=True)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/qwen.gguf")
