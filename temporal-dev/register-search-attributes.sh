#!/usr/bin/env sh
# Registers Herald's search attributes on a Temporal server (a dev server, or the cluster of
# docker-compose.yml). Herald also tries this itself at start-up; clusters that do not allow
# it (or Temporal Cloud, where you add them in the console) need this once.
#   TEMPORAL_ADDRESS=localhost:7233 TEMPORAL_NAMESPACE=default ./register-search-attributes.sh
set -eu
ADDRESS="${TEMPORAL_ADDRESS:-localhost:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
# a server just started (docker compose) may take a while to serve and to create its namespace
tries=0
until temporal operator namespace describe --address "$ADDRESS" --namespace "$NAMESPACE" >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -ge 90 ]; then
        echo "Temporal at $ADDRESS has no namespace $NAMESPACE after 3 minutes" >&2
        exit 1
    fi
    sleep 2
done
for name in HeraldOrgId HeraldAppId HeraldKind HeraldSendId HeraldUserId HeraldAutomation HeraldAutomationVersion; do
    if temporal operator search-attribute list --address "$ADDRESS" --namespace "$NAMESPACE" | grep -qw "$name"; then
        echo "$name exists"
    else
        temporal operator search-attribute create --address "$ADDRESS" --namespace "$NAMESPACE" --name "$name" --type Keyword
    fi
done
