#!/usr/bin/env sh
# Registers Herald's search attributes on a Temporal server (a dev server, or the cluster of
# docker-compose.yml). Herald also tries this itself at start-up; clusters that do not allow
# it (or Temporal Cloud, where you add them in the console) need this once.
#   TEMPORAL_ADDRESS=localhost:7233 TEMPORAL_NAMESPACE=default ./register-search-attributes.sh
set -eu
ADDRESS="${TEMPORAL_ADDRESS:-localhost:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
for name in HeraldOrgId HeraldAppId HeraldKind HeraldSendId HeraldUserId HeraldAutomation HeraldAutomationVersion; do
    if temporal operator search-attribute list --address "$ADDRESS" --namespace "$NAMESPACE" | grep -qw "$name"; then
        echo "$name exists"
    else
        temporal operator search-attribute create --address "$ADDRESS" --namespace "$NAMESPACE" --name "$name" --type Keyword
    fi
done
