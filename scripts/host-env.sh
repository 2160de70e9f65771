# Sourced by scripts/install-host.sh (and by its unit test): the environment its nested npm
# installs run in. Not a script of its own.
#
# npm hands every script it runs its own resolved configuration as environment variables: its
# node in NODE and npm_node_execpath, npm_config_user_agent ("npm/11 node/v20 ..."),
# npm_config_local_prefix (the project), npm_config_nodedir, and so on. A nested `npm install`
# takes npm_config_* variables as settings of its own, so under `npm test` or `npm start` the
# install of code-server ran with the outer npm's user agent, and code-server's postinstall,
# which reads the Node version from that user agent, refused with "requires node v24 ... you are
# on node v20" although Node 24 was first on PATH. The nested installs start from the user's own
# configuration instead: ~/.npmrc and the global npmrc are still read by the nested npm, and
# the network settings a user may have exported (registry, proxies, CA) are kept.

# Unsets what an outer npm (or yarn/pnpm, which set the same family) put into the environment.
clean_npm_environment() {
  local name lower
  for name in $(compgen -e); do
    lower="${name,,}"
    case "$lower" in
      npm_config_registry | npm_config_proxy | npm_config_https_proxy | npm_config_noproxy | \
        npm_config_cafile | npm_config_ca | npm_config_strict_ssl | npm_config_userconfig)
        ;;
      npm_* | node | init_cwd | node_gyp_* | pnpm_* | yarn_*)
        unset "$name"
        ;;
    esac
  done
}

# host_npm DIR ARGS...: npm, run in DIR on the host's Node (NODE_HOME, first on PATH), building
# native modules against that Node's headers. `npm` itself is a `#!/usr/bin/env node` script, so
# PATH decides the Node it runs on, and so the Node version its postinstall scripts see.
host_npm() {
  local dir="$1"
  shift
  (
    cd "$dir" &&
      env \
        "PATH=$NODE_HOME/bin:$PATH" \
        "npm_config_nodedir=$NODE_HOME" \
        "npm_config_update_notifier=false" \
        "npm_config_fund=false" \
        "npm_config_audit=false" \
        "npm_config_loglevel=warn" \
        npm "$@"
  )
}
