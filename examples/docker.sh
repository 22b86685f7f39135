#!/bin/sh
# Running a job in a container with maskrun inside it (installed in the image at
# /usr/local/bin/maskrun). Without -t the container has no terminal: maskrun's output is then
# a pipe, so "\n" stays "\n" and held-back output is released after 1 s of quiet.
# --init gives the container a real PID 1 that reaps orphaned grandchildren; maskrun
# forwards `docker stop`'s SIGTERM to the command and exits with its status.
exec docker run --rm --init -e DEPLOY_KEY -v "$PWD:/src" -w /src my-ci-image \
    maskrun --mask-env DEPLOY_KEY -- ./deploy.sh production
