# trialbot: the staff web chat (`trialbot serve`) and the Telegram bot (`trialbot telegram`).
# Build: docker compose build   (see docs/DEPLOY.md)
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TOKENIZERS_PARALLELISM=false \
    TRIALBOT_INDEX_DIR=/app/index \
    TRIALBOT_DATABASE_URL=sqlite:////app/var/conversations.sqlite3

WORKDIR /app
RUN useradd --create-home --uid 10001 trialbot

COPY pyproject.toml README.md ./
COPY src ./src
COPY prompts ./prompts
COPY index ./index

# One resolve for everything; the CPU build of torch comes from PyTorch's CPU index.
RUN pip install --extra-index-url https://download.pytorch.org/whl/cpu torch==2.13.0 -e . \
    && mkdir -p /app/var \
    && chown -R trialbot:trialbot /app/index /app/var

USER trialbot
EXPOSE 8000
VOLUME ["/app/index", "/app/var"]

HEALTHCHECK --interval=30s --timeout=5s --start-period=300s --retries=3 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"

CMD ["trialbot", "serve", "--host", "0.0.0.0", "--port", "8000"]
