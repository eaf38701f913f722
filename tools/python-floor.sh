#!/bin/sh
# Stops `make` before it creates .venv when the interpreter is older than the oldest Python that every locked package
# accepts: pip would otherwise fail half-way through the install, naming one package and not the way out.
# Usage: tools/python-floor.sh FLOOR INTERPRETER COMMAND   (the Makefile passes PYTHON_FLOOR, the interpreter, its goal)
floor=$1 python=$2 command=$3

advice() {
  case $python in
    .venv/bin/python | */.venv/bin/python) prefix="rm -rf .venv && " ;;  # .venv was made with it: start again
    *) prefix="" ;;
  esac
  cat >&2 <<MSG
  Choose a Python $floor or newer, for example:  ${prefix}PYTHON=python$floor $command
  (Debian 12 and Ubuntu 24.04: their own python3 is new enough — apt-get install python3-venv make)
  選擇 Python $floor 以上,例如:                 ${prefix}PYTHON=python$floor $command
  (Debian 12、Ubuntu 24.04 內建的 python3 就夠新:apt-get install python3-venv make)
MSG
}

if ! reported=$("$python" --version 2>&1); then
  echo "This handbook needs Python $floor or newer, but '$python' does not run: $reported" >&2
  echo "本手冊需要 Python $floor 以上,但無法執行「$python」。" >&2
  advice; exit 1
fi
found=$(printf '%s\n' "$reported" | sed -n 's/^\(Python \)\{0,1\}\([0-9][0-9]*\.[0-9][0-9]*\(\.[0-9][0-9]*\)\{0,1\}\).*/\2/p' | head -n 1)
if [ -z "$found" ]; then
  echo "This handbook needs Python $floor or newer; '$python --version' said: $reported" >&2
  advice; exit 1
fi

# Compare major, minor and micro as numbers (3.9 < 3.11); a missing micro counts as 0.
older=$(echo "$found $floor" | awk '{
  n = split($1, f, "."); split($2, w, ".")
  for (i = 1; i <= 3; i++) { a = (i <= n) ? f[i] + 0 : 0; b = w[i] + 0; if (a != b) { print (a < b) ? 1 : 0; exit } }
  print 0 }')
if [ "$older" = 1 ]; then
  echo "This handbook needs Python $floor or newer; '$python' is Python $found." >&2
  echo "本手冊需要 Python $floor 以上;「$python」是 Python $found。" >&2
  advice; exit 1
fi
