#!/usr/bin/env python3
"""Writes FILE to standard output in random pieces of 1 to 64 bytes, each its own write(2),
with a tiny pause now and then, as a program printing piecemeal would.

    chunkwriter.py FILE [SEED]"""
import os
import random
import sys
import time

data = open(sys.argv[1], "rb").read()
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else None)
position = 0
while position < len(data):
    size = rng.randint(1, 64)
    piece = data[position:position + size]
    while piece:
        written = os.write(1, piece)
        piece = piece[written:]
    position += size
    if rng.random() < 0.1:
        time.sleep(rng.uniform(0, 0.002))
