#!/bin/bash
# usage: serve.sh PORT NOTEBOOK [extra voila args...]
# JUPYTER_PATH adds /tmp/voila-rc/share/jupyter: the "rcpy" kernelspec (ipykernel 6 venv)
# and the deferred-widgets template live there.
PORT=$1; NB=$2; shift 2
cd /tmp/voila-rc
export JUPYTER_PATH=/tmp/voila-rc/share/jupyter
exec /work/main/.venv/bin/voila --no-browser --Voila.ip=127.0.0.1 --port=$PORT \
     --KernelManager.transport=ipc "$NB" "$@"
