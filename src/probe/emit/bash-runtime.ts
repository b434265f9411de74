/**
 * The bash half of a probe script: helpers that run one check each with the host's own tools (getent, nc or bash's
 * /dev/tcp, timeout, dig, openssl, curl) and append one result in the flowmatrix-probe-results/1 shape. Spec values
 * never appear here: the emitter passes them as single-quoted arguments. Kept as shell text (not generated).
 */
export const BASH_RUNTIME = `set -u
export LC_ALL=C
FM_TMP=$(mktemp -d "\${TMPDIR:-/tmp}/flowmatrix-probe.XXXXXX") || exit 2
trap 'rm -rf "$FM_TMP"' EXIT
FM_OUT=()
declare -A FM_STATUS=()

# A tool is used when present, unless FM_TOOLS_EXCLUDE names it (to force a fallback, e.g. FM_TOOLS_EXCLUDE=dig).
fm_have() { case " \${FM_TOOLS_EXCLUDE-} " in *" $1 "*) return 1 ;; esac; command -v "$1" >/dev/null 2>&1; }
fm_ms() { date +%s%3N; }

# A JSON string literal: backslash, quote and control characters escaped, nothing else touched.
fm_json() {
  local s=$1
  s=\${s//\\\\/\\\\\\\\}
  s=\${s//\\"/\\\\\\"}
  s=\${s//$'\\n'/\\\\n}
  s=\${s//$'\\r'/\\\\r}
  s=\${s//$'\\t'/\\\\t}
  s=$(printf '%s' "$s" | tr -d '\\000-\\010\\013\\014\\016-\\037\\177')
  printf '"%s"' "$s"
}

fm_begin() { FM_EV=(); FM_TM=(); FM_T0=$(fm_ms); FM_START=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ); }
fm_ev() { FM_EV+=("{\\"label\\":$(fm_json "$1"),\\"value\\":$(fm_json "$2")}"); }
fm_tm() { FM_TM+=("$(fm_json "$1"):$2"); }

# fm_end HEAD ID STATUS EN FR [ERROR]: one result object, in the flowmatrix-probe-results/1 shape.
fm_end() {
  local ev tm obj
  ev=$(IFS=,; printf '%s' "\${FM_EV[*]-}")
  tm=$(IFS=,; printf '%s' "\${FM_TM[*]-}")
  obj="$1,\\"status\\":\\"$3\\",\\"summary\\":{\\"fr\\":$(fm_json "$5"),\\"en\\":$(fm_json "$4")},\\"evidence\\":[$ev],\\"timings\\":{$tm}"
  if [ -n "\${6-}" ]; then obj+=",\\"error\\":$(fm_json "$6")"; fi
  obj+=",\\"startedAt\\":\\"$FM_START\\",\\"durationMs\\":$(( $(fm_ms) - FM_T0 ))}"
  FM_OUT+=("$obj")
  FM_STATUS["$2"]=$3
}

# fm_deps HEAD ID DEP...: true when every dependency PASSed or WARNed; otherwise records SKIPPED.
fm_deps() {
  local head=$1 id=$2 d
  shift 2
  for d in "$@"; do
    case "\${FM_STATUS["$d"]-}" in
      PASS | WARN) ;;
      *)
        fm_begin
        fm_ev dependency "$d: \${FM_STATUS["$d"]-not run}"
        fm_end "$head" "$id" SKIPPED "skipped: $d did not pass" "ignorée : $d n'a pas réussi"
        return 1
        ;;
    esac
  done
}

fm_untestable() { fm_begin; fm_end "$1" "$2" UNTESTABLE "$3" "$4"; }

# Addresses of a name from the system resolver, one a line, IPv4 and IPv6 (getent ahosts).
fm_addresses() { timeout "$FM_TIMEOUT" getent ahosts -- "$1" 2>/dev/null | awk '!seen[$1]++ {print $1}'; }

# fm_dns HEAD ID NAME TYPE SERVER PORT — TYPE A+AAAA, A, AAAA, CNAME, SRV, MX, TXT; SERVER empty: the system's.
fm_dns() {
  local head=$1 id=$2 name=$3 type=$4 server=$5 port=$6 t out status rc found=0 codes='' ty answers
  fm_begin
  local types=("$type")
  if [ "$type" = A+AAAA ]; then types=(A AAAA); fi
  if fm_have dig; then
    local args=(+tries=1 "+time=$FM_TIMEOUT" +noall +comments +answer)
    if [ -n "$server" ]; then args+=("@$server" -p "$port"); fm_ev resolver "$server port $port"; else fm_ev resolver "system (dig)"; fi
    fm_ev query "$name $type"
    t=$(fm_ms)
    for ty in "\${types[@]}"; do
      out=$(timeout $((FM_TIMEOUT + 2)) dig "\${args[@]}" -t "$ty" -q "$name" 2>&1)
      status=$(printf '%s\\n' "$out" | sed -n 's/.*status: \\([A-Z]*\\).*/\\1/p' | head -n 1)
      answers=$(printf '%s\\n' "$out" | awk -v ty="$ty" '!/^;/ && NF >= 5 && $4 == ty { $1 = $2 = $3 = $4 = ""; sub(/^ +/, ""); printf "%s%s", sep, $0; sep = ", " }')
      if [ -n "$answers" ]; then
        found=1
        fm_ev "$ty" "$answers"
      else
        [ -z "$status" ] && status=TIMEOUT
        [ "$status" = NOERROR ] && status=NODATA
        codes+=" $status"
        fm_ev "$ty" "$status"
      fi
    done
    fm_tm resolve $(( $(fm_ms) - t ))
  else
    if [ -n "$server" ]; then fm_untestable "$head" "$id" "no dig here: cannot ask the resolver $server" "pas de dig ici : impossible d'interroger le résolveur $server"; return; fi
    case "$type" in A+AAAA | A | AAAA) ;; *) fm_untestable "$head" "$id" "no dig here: getent cannot ask for $type records" "pas de dig ici : getent ne sait pas demander des enregistrements $type"; return ;; esac
    fm_ev resolver "system (getent)"
    fm_ev query "$name $type"
    t=$(fm_ms)
    out=$(fm_addresses "$name")
    rc=$?
    fm_tm resolve $(( $(fm_ms) - t ))
    case "$type" in A) out=$(printf '%s\\n' "$out" | grep -v ':') ;; AAAA) out=$(printf '%s\\n' "$out" | grep ':') ;; esac
    if [ -n "$out" ]; then found=1; answers=$(printf '%s\\n' "$out" | paste -sd, | sed 's/,/, /g'); fm_ev "$type" "$answers"; else codes=" NOTFOUND"; fm_ev "$type" "not found (getent cannot tell NXDOMAIN from NODATA)"; fi
  fi
  if [ "$found" = 1 ]; then
    fm_end "$head" "$id" PASS "$name resolves" "$name résolu"
  else
    local code=NODATA c
    for c in NXDOMAIN SERVFAIL REFUSED TIMEOUT NOTFOUND NODATA; do case " $codes " in *" $c "*) code=$c; break ;; esac; done
    # A silent resolver proves nothing (UDP silence): INCONCLUSIVE, as the Node runners say.
    local status=FAIL
    [ "$code" = TIMEOUT ] && status=INCONCLUSIVE
    fm_end "$head" "$id" "$status" "$name: $code" "$name : $code" "$code"
  fi
}

# One TCP connection attempt: prints open, refused or filtered.
fm_connect() {
  local err
  if fm_have nc; then
    err=$(timeout $((FM_TIMEOUT + 1)) nc -z -v -w "$FM_TIMEOUT" -- "$1" "$2" 2>&1) && { echo open; return; }
  else
    err=$(timeout "$FM_TIMEOUT" bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>&1) && { echo open; return; }
  fi
  case "$err" in *[Rr]efused*) echo refused ;; *) echo filtered ;; esac
}

# fm_tcp HEAD ID HOST PORT: every resolved address, IPv4 and IPv6 apart. All open PASS, none FAIL, some WARN.
fm_tcp() {
  local head=$1 id=$2 host=$3 port=$4 a fam r t open=0 total=0 addrs
  fm_begin
  t=$(fm_ms)
  addrs=$(fm_addresses "$host")
  fm_tm resolve $(( $(fm_ms) - t ))
  if [ -z "$addrs" ]; then
    fm_ev resolve "$host: not found"
    fm_end "$head" "$id" FAIL "$host does not resolve" "$host ne se résout pas" "not found"
    return
  fi
  while IFS= read -r a; do
    [ -z "$a" ] && continue
    fam=IPv4
    case "$a" in *:*) fam=IPv6 ;; esac
    t=$(fm_ms)
    r=$(fm_connect "$a" "$port")
    fm_tm "connect $a" $(( $(fm_ms) - t ))
    total=$((total + 1))
    case "$r" in
      open) open=$((open + 1)); fm_ev "$fam $a" "open" ;;
      refused) fm_ev "$fam $a" "closed (connection refused)" ;;
      *) fm_ev "$fam $a" "filtered (no answer within \${FM_TIMEOUT} s)" ;;
    esac
  done <<< "$addrs"
  if [ "$open" = "$total" ]; then
    fm_end "$head" "$id" PASS "$host port $port open" "$host port $port ouvert"
  elif [ "$open" = 0 ]; then
    fm_end "$head" "$id" FAIL "$host port $port not open" "$host port $port non ouvert" "$r"
  else
    fm_end "$head" "$id" WARN "$host port $port open on $open of $total addresses" "$host port $port ouvert sur $open adresses sur $total"
  fi
}

# fm_tls HEAD ID HOST PORT SNI CAFILE MINDAYS STARTTLS: a handshake with SNI; 1.2 or better, trusted (the system's
# roots, or CAFILE for a private CA), name, expiry. An untrusted certificate is a FAIL, in every protocol.
fm_tls() {
  local head=$1 id=$2 host=$3 port=$4 sni=$5 ca=$6 mindays=$7 starttls=$8 out t proto cipher verify end days
  fm_begin
  if ! fm_have openssl; then fm_untestable "$head" "$id" "no openssl here" "pas d'openssl ici"; return; fi
  local connect="$host:$port"
  case "$host" in *:*) connect="[$host]:$port" ;; esac
  local args=(s_client -connect "$connect")
  if [ -n "$sni" ]; then args+=(-servername "$sni" -verify_hostname "$sni"); else args+=(-verify_ip "$host"); fi
  if [ -n "$ca" ]; then args+=(-CAfile "$ca"); fi
  if [ -n "$starttls" ]; then args+=(-starttls "$starttls"); fi
  t=$(fm_ms)
  out=$(timeout $((FM_TIMEOUT + 2)) openssl "\${args[@]}" </dev/null 2>&1)
  fm_tm tls $(( $(fm_ms) - t ))
  # "New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384" (or "New, (NONE), Cipher is (NONE)" when it failed).
  proto=$(printf '%s\\n' "$out" | sed -n 's/^New, \\([^,]*\\), Cipher is .*/\\1/p' | head -n 1)
  cipher=$(printf '%s\\n' "$out" | sed -n 's/^New, [^,]*, Cipher is //p' | head -n 1)
  verify=$(printf '%s\\n' "$out" | sed -n 's/^ *Verify return code: *//p' | tail -n 1)
  fm_ev "tls sni" "\${sni:-none ($host is an address)}"
  if [ -z "$cipher" ] || [ "$cipher" = "0000" ] || [ "$cipher" = "(NONE)" ]; then
    fm_ev "handshake" "$(printf '%s\\n' "$out" | grep -iE 'error|refused|alert|errno|timed out' | head -n 3 | tr '\\n' ' ')"
    fm_end "$head" "$id" FAIL "TLS handshake with $host port $port failed" "échec de la négociation TLS avec $host port $port" "$(printf '%s\\n' "$out" | grep -iE 'error|refused|alert' | head -n 1)"
    return
  fi
  fm_ev "tls version" "$proto"
  fm_ev "tls cipher" "$cipher"
  printf '%s\\n' "$out" | sed -n '/-----BEGIN CERTIFICATE-----/,/-----END CERTIFICATE-----/p' > "$FM_TMP/cert.pem"
  end=$(openssl x509 -noout -enddate -in "$FM_TMP/cert.pem" 2>/dev/null | sed 's/^notAfter=//')
  fm_ev "certificate subject" "$(openssl x509 -noout -subject -in "$FM_TMP/cert.pem" 2>/dev/null | sed 's/^subject= *//')"
  fm_ev "certificate issuer" "$(openssl x509 -noout -issuer -in "$FM_TMP/cert.pem" 2>/dev/null | sed 's/^issuer= *//')"
  days=''
  if [ -n "$end" ]; then days=$(( ($(date -d "$end" +%s) - $(date +%s)) / 86400 )); fm_ev "certificate expires" "$end ($days days)"; fi
  fm_ev "certificate verify" "$verify"
  case "$proto" in TLSv1 | TLSv1.1 | SSLv3)
    fm_end "$head" "$id" FAIL "$proto negotiated (1.2 or better required)" "$proto négocié (1.2 ou mieux exigé)" "$proto"
    return ;;
  esac
  case "$verify" in 0\\ *) ;; *)
    fm_end "$head" "$id" FAIL "certificate not accepted: $verify" "certificat refusé : $verify" "$verify"
    return ;;
  esac
  if [ -n "$days" ] && [ "$days" -lt "$mindays" ]; then
    fm_end "$head" "$id" WARN "certificate expires in $days days" "le certificat expire dans $days jours"
    return
  fi
  fm_end "$head" "$id" PASS "TLS $proto with $host port $port, certificate trusted" "TLS $proto avec $host port $port, certificat reconnu"
}

# Proxy credentials come from FLOWMATRIX_PROXY_USER (user:password) at run time, through a curl config on stdin.
fm_curl() {
  if [ -n "\${FLOWMATRIX_PROXY_USER-}" ]; then
    local u=\${FLOWMATRIX_PROXY_USER//\\\\/\\\\\\\\}
    u=\${u//\\"/\\\\\\"}
    printf 'proxy-user = "%s"\\n' "$u" | curl -K - "$@"
  else
    curl "$@"
  fi
}

# fm_http HEAD ID URL EXPECT_STATUS EXPECT_BODY PROXY: status (and body) expectations; any answer proves reach.
fm_http() {
  local head=$1 id=$2 url=$3 expect=$4 body=$5 proxy=$6 out rc code
  fm_begin
  if ! fm_have curl; then fm_untestable "$head" "$id" "no curl here" "pas de curl ici"; return; fi
  local args=(-sS -o "$FM_TMP/body" -w '%{http_code} %{time_namelookup} %{time_connect} %{time_appconnect} %{time_starttransfer}' --max-time "$FM_TIMEOUT")
  if [ -n "$proxy" ]; then args+=(--proxy "$proxy"); fm_ev proxy "$proxy"; fi
  out=$(fm_curl "\${args[@]}" --url "$url" 2>"$FM_TMP/err")
  rc=$?
  read -r code tn tc ta tf <<< "$out"
  fm_tm resolve "$(awk -v s="\${tn:-0}" 'BEGIN { printf "%d", s * 1000 }')"
  fm_tm connect "$(awk -v s="\${tc:-0}" 'BEGIN { printf "%d", s * 1000 }')"
  fm_tm first-byte "$(awk -v s="\${tf:-0}" 'BEGIN { printf "%d", s * 1000 }')"
  if [ "$rc" != 0 ] || [ "\${code:-000}" = 000 ]; then
    fm_ev curl "exit $rc: $(head -c 300 "$FM_TMP/err")"
    fm_end "$head" "$id" FAIL "no HTTP answer from $url" "pas de réponse HTTP de $url" "$(head -c 300 "$FM_TMP/err")"
    return
  fi
  fm_ev status "$code"
  if [ -n "$expect" ] && ! printf ',%s,' "$expect" | grep -q ",$code,"; then
    fm_end "$head" "$id" FAIL "HTTP $code, expected $expect" "HTTP $code, attendu $expect" "HTTP $code"
    return
  fi
  if [ -n "$body" ] && ! grep -qF -- "$body" "$FM_TMP/body"; then
    fm_ev body "$(head -c 200 "$FM_TMP/body")"
    fm_end "$head" "$id" FAIL "HTTP $code, body without the expected text" "HTTP $code, corps sans le texte attendu" "body"
    return
  fi
  fm_end "$head" "$id" PASS "HTTP $code from $url" "HTTP $code de $url"
}

# fm_proxy HEAD ID HOST PORT PROXY: CONNECT with the name through the proxy; 200, 407 and 403 told apart.
fm_proxy() {
  local head=$1 id=$2 host=$3 port=$4 proxy=$5 out rc connect code
  fm_begin
  if ! fm_have curl; then fm_untestable "$head" "$id" "no curl here" "pas de curl ici"; return; fi
  if [ -z "$proxy" ]; then fm_untestable "$head" "$id" "no proxy given" "aucun proxy donné"; return; fi
  fm_ev proxy "$proxy"
  local target="$host"
  case "$host" in *:*) target="[$host]" ;; esac
  out=$(fm_curl -sS -o /dev/null -w '%{http_connect} %{http_code}' --max-time "$FM_TIMEOUT" --proxy "$proxy" --url "https://$target:$port/" 2>"$FM_TMP/err")
  rc=$?
  read -r connect code <<< "$out"
  fm_ev "connect status" "\${connect:-000}"
  case "\${connect:-000}" in
    200) if [ "$rc" = 0 ]; then fm_ev status "$code"; fm_end "$head" "$id" PASS "CONNECT $host:$port through the proxy: 200" "CONNECT $host:$port par le proxy : 200"
         else fm_ev curl "exit $rc: $(head -c 300 "$FM_TMP/err")"; fm_end "$head" "$id" WARN "CONNECT accepted, but TLS to $host failed (interception?)" "CONNECT accepté, mais TLS vers $host en échec (interception ?)" "$(head -c 300 "$FM_TMP/err")"; fi ;;
    407) fm_end "$head" "$id" FAIL "proxy authentication required (407)" "authentification proxy exigée (407)" 407 ;;
    403) fm_end "$head" "$id" FAIL "the proxy refuses $host:$port (403)" "le proxy refuse $host:$port (403)" 403 ;;
    000) fm_ev curl "exit $rc: $(head -c 300 "$FM_TMP/err")"; fm_end "$head" "$id" FAIL "proxy $proxy not reached" "proxy $proxy injoignable" "$(head -c 300 "$FM_TMP/err")" ;;
    *) fm_end "$head" "$id" FAIL "the proxy answered CONNECT with $connect" "le proxy a répondu $connect au CONNECT" "$connect" ;;
  esac
}


# Banner and EHLO in clear (bash /dev/tcp, each read bounded): prints the server's lines; exit 3 no connection.
fm_smtp_talk() {
  exec 3<>"/dev/tcp/$1/$2" || exit 3
  fm_smtp_reply() {
    local l
    while IFS= read -r -t "$FM_TIMEOUT" l <&3; do
      l=\${l%$'\\r'}
      printf '%s\\n' "$l"
      [ "\${l:3:1}" = - ] || return 0
    done
    return 1
  }
  fm_smtp_reply || exit 4
  printf 'EHLO %s\\r\\n' "$3" >&3
  fm_smtp_reply
  printf 'QUIT\\r\\n' >&3
}

# fm_smtp HEAD ID HOST PORT SNI CAFILE RCPT RETRY_S: 220, EHLO, STARTTLS upgraded, AUTH only under TLS, RCPT; 421 once.
fm_smtp() {
  local head=$1 id=$2 host=$3 port=$4 sni=$5 ca=$6 rcpt=$7 retry=$8 out t code attempt concerns=''
  fm_begin
  for attempt in 1 2; do
    t=$(fm_ms)
    out=$(FM_TIMEOUT=$FM_TIMEOUT timeout $((FM_TIMEOUT * 2)) bash -c "$(declare -f fm_smtp_talk); fm_smtp_talk \\"\\$@\\"" _ "$host" "$port" "[127.0.0.1]" 2>&1)
    fm_tm "conversation (attempt $attempt)" $(( $(fm_ms) - t ))
    code=\${out:0:3}
    fm_ev banner "$(printf '%s\\n' "$out" | head -n 1)"
    [ "$code" = 421 ] || break
    if [ "$attempt" = 1 ]; then fm_ev backoff "421 received; retrying once after $retry s"; sleep "$retry"; fi
  done
  case "$code" in
    220) ;;
    421) fm_end "$head" "$id" FAIL "SMTP busy: 421 twice, after a back-off" "SMTP occupé : 421 deux fois, après une pause" "$(printf '%s\\n' "$out" | head -n 1)"; return ;;
    *) fm_end "$head" "$id" FAIL "no 220 banner from $host port $port" "pas de bannière 220 de $host port $port" "$(printf '%s\\n' "$out" | head -n 2 | tr '\\n' ' ')"; return ;;
  esac
  local caps
  caps=$(printf '%s\\n' "$out" | sed -n '2,$p' | grep '^250' | sed '1d; s/^250[- ]//' | paste -sd, | sed 's/,/, /g')
  fm_ev capabilities "$caps"
  local auth
  auth=$(printf '%s\\n' "$out" | sed -n 's/^250[- ]\\(AUTH[ =].*\\)$/\\1/p' | head -n 1)
  if [ -n "$auth" ]; then fm_ev "auth before tls" "$auth"; concerns="$auth offered before TLS"; fi
  case ", $caps," in *", STARTTLS,"*) ;; *) fm_end "$head" "$id" FAIL "STARTTLS not offered" "STARTTLS non proposé" "EHLO: $caps"; return ;; esac
  local connect="$host:$port" args
  case "$host" in *:*) connect="[$host]:$port" ;; esac
  args=(s_client -connect "$connect" -starttls smtp -crlf -quiet)
  if [ -n "$sni" ]; then args+=(-servername "$sni" -verify_hostname "$sni"); fi
  if [ -n "$ca" ]; then args+=(-CAfile "$ca"); fi
  t=$(fm_ms)
  out=$( { sleep 1; printf 'EHLO [127.0.0.1]\\n'; sleep 0.3; if [ -n "$rcpt" ]; then printf 'MAIL FROM:<>\\n'; sleep 0.3; printf 'RCPT TO:<%s>\\n' "$rcpt"; sleep 0.3; printf 'RSET\\n'; sleep 0.2; fi; printf 'QUIT\\n'; sleep 0.3; } | timeout $((FM_TIMEOUT + 3)) openssl "\${args[@]}" 2>&1 | tr -d '\\r')
  fm_tm tls $(( $(fm_ms) - t ))
  local verify
  verify=$(printf '%s\\n' "$out" | sed -n 's/^verify return:\\(.*\\)$/\\1/p' | tail -n 1)
  if ! printf '%s\\n' "$out" | grep -q '^250'; then
    fm_end "$head" "$id" FAIL "STARTTLS upgrade failed" "échec de la montée STARTTLS" "$(printf '%s\\n' "$out" | grep -iE 'error|alert' | head -n 1)"
    return
  fi
  fm_ev "tls sni" "\${sni:-none ($host is an address)}"
  if printf '%s\\n' "$out" | grep -qE 'verify error|verify return:0'; then
    local why
    why=$(printf '%s\\n' "$out" | sed -n 's/^verify error:\\(.*\\)$/\\1/p' | head -n 1)
    fm_ev "certificate trusted" "no: $why"
    fm_end "$head" "$id" FAIL "SMTP answers, but TLS fails: certificate not trusted ($why)" "SMTP répond, mais TLS échoue : certificat non reconnu ($why)" "certificate not trusted ($why)"
    return
  else
    fm_ev "certificate trusted" "yes"
  fi
  # Our EHLO's reply is the first multi-line one (s_client may print a leftover line of its own EHLO before it);
  # the final lines after its start answer, in order, EHLO, MAIL FROM and RCPT TO.
  local finals
  finals=$(printf '%s\\n' "$out" | awk '/^250-/ { on = 1 } on && /^[0-9][0-9][0-9] / { print }')
  fm_ev "capabilities after tls" "$(printf '%s\\n' "$out" | awk '/^250-/ { on = 1 } on && /^250[- ]/ { print } on && /^250 / { exit }' | sed '1d; s/^250[- ]//' | paste -sd, | sed 's/,/, /g')"
  if [ -n "$rcpt" ]; then
    local from to
    from=$(printf '%s\\n' "$finals" | sed -n '2p')
    to=$(printf '%s\\n' "$finals" | sed -n '3p')
    fm_ev "mail from <>" "$from"
    fm_ev "rcpt to <$rcpt>" "$to"
    case "$to" in
      5*) fm_end "$head" "$id" FAIL "recipient refused (\${to:0:3})" "destinataire refusé (\${to:0:3})" "$to"; return ;;
      4*) concerns="\${concerns:+$concerns; }temporary refusal $to" ;;
    esac
  fi
  if [ -n "$concerns" ]; then
    fm_ev concerns "$concerns"
    fm_end "$head" "$id" WARN "SMTP answers, with concerns: $concerns" "SMTP répond, avec réserves : $concerns"
  else
    fm_end "$head" "$id" PASS "SMTP answers and STARTTLS upgrades" "SMTP répond et STARTTLS aboutit"
  fi
}

# FM_HEAD (written by the emitter) opens the document: format, site, source and the probes with their titles.
fm_print() {
  local IFS=,
  printf '%s[%s]}\\n' "$FM_HEAD" "\${FM_OUT[*]-}"
}
`;
