/**
 * The PowerShell half of a probe script (Windows PowerShell 5.1 and PowerShell 7): one function per check, with
 * Resolve-DnsName and .NET TcpClient/SslStream, appending results in the flowmatrix-probe-results/1 shape. Spec values
 * never appear here: they live in the spec table the emitter writes, as single-quoted literals.
 */
export const POWERSHELL_RUNTIME = `$ErrorActionPreference = 'Continue'
$ProgressPreference = 'SilentlyContinue'
$FmResults = New-Object System.Collections.ArrayList
$FmStatus = @{}

function Fm-Begin {
  $script:FmEv = New-Object System.Collections.ArrayList
  $script:FmTm = [ordered]@{}
  $script:FmClock = [Diagnostics.Stopwatch]::StartNew()
  $script:FmStart = [DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ss.fffZ')
}
function Fm-Ev([string]$Label, [string]$Value) { [void]$script:FmEv.Add([ordered]@{ label = $Label; value = $Value }) }
function Fm-Tm([string]$Phase, [double]$Ms) { $script:FmTm[$Phase] = [int]$Ms }

# One result in the flowmatrix-probe-results/1 shape; spec values come from the spec table, never from code.
function Fm-End($Spec, [string]$Status, [string]$En, [string]$Fr, [string]$Err) {
  $r = [ordered]@{ id = $Spec.id; kind = $Spec.kind; target = $Spec.target }
  if ($null -ne $Spec.port) { $r.port = [int]$Spec.port }
  $r.status = $Status
  $r.summary = [ordered]@{ fr = $Fr; en = $En }
  $r.evidence = @($script:FmEv)
  $r.timings = $script:FmTm
  if ($Err) { $r.error = $Err }
  $r.startedAt = $script:FmStart
  $r.durationMs = [int]$script:FmClock.ElapsedMilliseconds
  [void]$FmResults.Add($r)
  $FmStatus[$Spec.id] = $Status
}

# True when every dependency PASSed or WARNed; otherwise records SKIPPED.
function Fm-Deps($Spec) {
  foreach ($d in $Spec.deps) {
    $s = $FmStatus[$d]
    if ($s -ne 'PASS' -and $s -ne 'WARN') {
      Fm-Begin
      if (-not $s) { $s = 'not run' }
      Fm-Ev 'dependency' ($d + ': ' + $s)
      Fm-End $Spec 'SKIPPED' ('skipped: ' + $d + ' did not pass') ('ignorée : ' + $d + ' n''a pas réussi') ''
      return $false
    }
  }
  return $true
}

function Fm-Untestable($Spec, [string]$En, [string]$Fr) { Fm-Begin; Fm-End $Spec 'UNTESTABLE' $En $Fr '' }

# Windows DNS error codes, told apart as the Node runner does.
function Fm-Rcode($ErrorRecord) {
  $code = 0
  if ($ErrorRecord.Exception.NativeErrorCode) { $code = [int]$ErrorRecord.Exception.NativeErrorCode }
  switch ($code) {
    9003 { return 'NXDOMAIN' }
    9501 { return 'NODATA' }
    9002 { return 'SERVFAIL' }
    9005 { return 'REFUSED' }
    1460 { return 'TIMEOUT' }
    default { if ($ErrorRecord.Exception.Message -match 'does not exist') { return 'NXDOMAIN' }; return 'ERROR ' + $code }
  }
}

function Fm-Dns($Spec) {
  Fm-Begin
  $name = $Spec.target
  $types = @($Spec.opts.type)
  if ($Spec.opts.type -eq 'A+AAAA') { $types = @('A', 'AAAA') }
  $query = @{ Name = $name; DnsOnly = $true; QuickTimeout = $true; ErrorAction = 'Stop' }
  if ($Spec.opts.server) {
    if ([int]$Spec.opts.serverPort -ne 53) { Fm-Untestable $Spec 'Resolve-DnsName asks port 53 only' 'Resolve-DnsName n''interroge que le port 53'; return }
    $query.Server = $Spec.opts.server
    Fm-Ev 'resolver' $Spec.opts.server
  } else { Fm-Ev 'resolver' 'system (Resolve-DnsName)' }
  Fm-Ev 'query' ($name + ' ' + $Spec.opts.type)
  $found = @(); $codes = @()
  $t = [Diagnostics.Stopwatch]::StartNew()
  foreach ($ty in $types) {
    try {
      $answers = @(Resolve-DnsName @query -Type $ty | Where-Object { $_.Type -eq $ty -or $_.QueryType -eq $ty })
      $text = @($answers | ForEach-Object {
          if ($ty -eq 'SRV') { '' + $_.Priority + ' ' + $_.Weight + ' ' + $_.Port + ' ' + $_.NameTarget }
          elseif ($ty -eq 'CNAME') { $_.NameHost }
          elseif ($ty -eq 'MX') { '' + $_.Preference + ' ' + $_.NameExchange }
          else { $_.IPAddress } })
      if ($text.Count -gt 0) { $found += $text; Fm-Ev $ty ($text -join ', ') } else { $codes += 'NODATA'; Fm-Ev $ty 'NODATA' }
    } catch { $c = Fm-Rcode $_; $codes += $c; Fm-Ev $ty $c }
  }
  Fm-Tm 'resolve' $t.ElapsedMilliseconds
  if ($found.Count -gt 0) { Fm-End $Spec 'PASS' ($name + ' resolves') ($name + ' résolu') ''; return }
  $code = 'NODATA'
  foreach ($c in @('NXDOMAIN', 'SERVFAIL', 'REFUSED', 'TIMEOUT', 'NODATA')) { if ($codes -contains $c) { $code = $c; break } }
  # A silent resolver proves nothing (UDP silence): INCONCLUSIVE, as the Node runners say.
  $status = 'FAIL'; if ($code -eq 'TIMEOUT') { $status = 'INCONCLUSIVE' }
  Fm-End $Spec $status ($name + ': ' + $code) ($name + ' : ' + $code) $code
}

# One TCP connection, bounded: open, refused or filtered.
function Fm-Connect($Address, [int]$Port) {
  $client = New-Object System.Net.Sockets.TcpClient($Address.AddressFamily)
  try {
    $task = $client.ConnectAsync($Address, $Port)
    if (-not $task.Wait($FmTimeoutMs)) { return 'filtered' }
    return 'open'
  } catch {
    $inner = $_.Exception
    while ($inner.InnerException) { $inner = $inner.InnerException }
    if ($inner -is [System.Net.Sockets.SocketException] -and $inner.SocketErrorCode -eq 'ConnectionRefused') { return 'refused' }
    return 'filtered'
  } finally { $client.Dispose() }
}

function Fm-Addresses([string]$Name) {
  try { return @([System.Net.Dns]::GetHostAddresses($Name)) } catch { return @() }
}

function Fm-Tcp($Spec) {
  Fm-Begin
  $hostName = $Spec.opts.address
  $t = [Diagnostics.Stopwatch]::StartNew()
  $addresses = Fm-Addresses $hostName
  Fm-Tm 'resolve' $t.ElapsedMilliseconds
  if ($addresses.Count -eq 0) { Fm-Ev 'resolve' ($hostName + ': not found'); Fm-End $Spec 'FAIL' ($hostName + ' does not resolve') ($hostName + ' ne se résout pas') 'not found'; return }
  $open = 0; $last = ''
  foreach ($a in $addresses) {
    $family = 'IPv4'; if ($a.AddressFamily -eq 'InterNetworkV6') { $family = 'IPv6' }
    $t = [Diagnostics.Stopwatch]::StartNew()
    $last = Fm-Connect $a ([int]$Spec.opts.port)
    Fm-Tm ('connect ' + $a) $t.ElapsedMilliseconds
    switch ($last) {
      'open' { $open++; Fm-Ev ($family + ' ' + $a) 'open' }
      'refused' { Fm-Ev ($family + ' ' + $a) 'closed (connection refused)' }
      default { Fm-Ev ($family + ' ' + $a) ('filtered (no answer within ' + $FmTimeoutMs + ' ms)') }
    }
  }
  $what = $hostName + ' port ' + $Spec.opts.port
  if ($open -eq $addresses.Count) { Fm-End $Spec 'PASS' ($what + ' open') ($what + ' ouvert') '' }
  elseif ($open -eq 0) { Fm-End $Spec 'FAIL' ($what + ' not open') ($what + ' non ouvert') $last }
  else { Fm-End $Spec 'WARN' ($what + ' open on ' + $open + ' of ' + $addresses.Count + ' addresses') ($what + ' ouvert sur ' + $open + ' adresses sur ' + $addresses.Count) '' }
}

# TLS over an open stream with SNI; records version, cipher, certificate; returns the concern or failure text.
function Fm-TlsOver($Stream, $Spec) {
  $script:FmPolicy = 'None'
  $callback = [System.Net.Security.RemoteCertificateValidationCallback] { param($s, $cert, $chain, $errors) $script:FmPolicy = [string]$errors; return $true }
  $ssl = New-Object System.Net.Security.SslStream($Stream, $false, $callback)
  $ssl.ReadTimeout = $FmTimeoutMs
  $ssl.AuthenticateAsClient($Spec.opts.sni)
  Fm-Ev 'tls sni' $Spec.opts.sni
  Fm-Ev 'tls version' ([string]$ssl.SslProtocol)
  Fm-Ev 'tls cipher' ([string]$ssl.CipherAlgorithm + ' ' + $ssl.CipherStrength)
  $cert = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2($ssl.RemoteCertificate)
  Fm-Ev 'certificate subject' $cert.Subject
  Fm-Ev 'certificate issuer' $cert.Issuer
  $days = [int]($cert.NotAfter.ToUniversalTime() - [DateTime]::UtcNow).TotalDays
  Fm-Ev 'certificate expires' ($cert.NotAfter.ToString('u') + ' (' + $days + ' days)')
  $policy = $script:FmPolicy
  if ($policy -eq 'RemoteCertificateChainErrors' -and $Spec.opts.caFile) {
    # A private CA named by the spec: the chain must end on it.
    $extra = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2($Spec.opts.caFile)
    $chain = New-Object System.Security.Cryptography.X509Certificates.X509Chain
    $chain.ChainPolicy.ExtraStore.Add($extra) | Out-Null
    $chain.ChainPolicy.VerificationFlags = 'AllowUnknownCertificateAuthority'
    $chain.ChainPolicy.RevocationMode = 'NoCheck'
    if ($chain.Build($cert) -and $chain.ChainElements[$chain.ChainElements.Count - 1].Certificate.Thumbprint -eq $extra.Thumbprint) { $policy = 'None' }
  }
  Fm-Ev 'certificate trusted' $(if ($policy -eq 'None') { 'yes' } else { 'no: ' + $policy })
  return @{ ssl = $ssl; policy = $policy; days = $days; protocol = [string]$ssl.SslProtocol }
}

function Fm-Tls($Spec) {
  Fm-Begin
  $client = New-Object System.Net.Sockets.TcpClient
  try {
    $t = [Diagnostics.Stopwatch]::StartNew()
    if (-not $client.ConnectAsync($Spec.opts.address, [int]$Spec.opts.port).Wait($FmTimeoutMs)) { throw 'no answer to the TCP connection' }
    Fm-Tm 'connect' $t.ElapsedMilliseconds
    $stream = $client.GetStream()
    if ($Spec.opts.starttls -eq 'ldap') {
      # RFC 4511 StartTLS extended request, encoded by the emitter; the reply's result code must be 0.
      $request = [byte[]]($Spec.opts.ldapStartTls -split '(..)' | Where-Object { $_ } | ForEach-Object { [Convert]::ToByte($_, 16) })
      $stream.Write($request, 0, $request.Length)
      $stream.ReadTimeout = $FmTimeoutMs
      $buffer = New-Object byte[] 512
      $n = $stream.Read($buffer, 0, 512)
      $hex = -join ($buffer[0..($n - 1)] | ForEach-Object { $_.ToString('x2') })
      if ($hex -notmatch '78..0a01(..)') { throw ('no StartTLS response: ' + $hex) }
      Fm-Ev 'starttls' ('result ' + [Convert]::ToInt32($Matches[1], 16))
      if ($Matches[1] -ne '00') { Fm-End $Spec 'FAIL' 'StartTLS refused' 'StartTLS refusé' ('result ' + [Convert]::ToInt32($Matches[1], 16)); return }
    }
    $t = [Diagnostics.Stopwatch]::StartNew()
    $tls = Fm-TlsOver $stream $Spec
    Fm-Tm 'tls' $t.ElapsedMilliseconds
    $tls.ssl.Dispose()
    if ($tls.protocol -match '^(Ssl|Tls|Tls11)$') { Fm-End $Spec 'FAIL' ($tls.protocol + ' negotiated (1.2 or better required)') ($tls.protocol + ' négocié (1.2 ou mieux exigé)') $tls.protocol; return }
    if ($tls.policy -ne 'None') { Fm-End $Spec 'FAIL' ('certificate not accepted: ' + $tls.policy) ('certificat refusé : ' + $tls.policy) $tls.policy; return }
    if ($tls.days -lt [int]$Spec.opts.minDays) { Fm-End $Spec 'WARN' ('certificate expires in ' + $tls.days + ' days') ('le certificat expire dans ' + $tls.days + ' jours') ''; return }
    Fm-End $Spec 'PASS' ('TLS ' + $tls.protocol + ', certificate trusted') ('TLS ' + $tls.protocol + ', certificat reconnu') ''
  } catch {
    Fm-End $Spec 'FAIL' ('TLS with ' + $Spec.opts.address + ' port ' + $Spec.opts.port + ' failed') ('échec TLS avec ' + $Spec.opts.address + ' port ' + $Spec.opts.port) ([string]$_.Exception.Message)
  } finally { $client.Dispose() }
}

function Fm-Http($Spec) {
  Fm-Begin
  $query = @{ Uri = $Spec.opts.url; UseBasicParsing = $true; TimeoutSec = [Math]::Max(1, [int]($FmTimeoutMs / 1000)); MaximumRedirection = 0; ErrorAction = 'Stop' }
  if ($Spec.opts.proxy) {
    $query.Proxy = $Spec.opts.proxy
    Fm-Ev 'proxy' $Spec.opts.proxy
    if ($env:FLOWMATRIX_PROXY_USER) {
      $pair = $env:FLOWMATRIX_PROXY_USER.Split(':', 2)
      $query.ProxyCredential = New-Object System.Management.Automation.PSCredential($pair[0], (ConvertTo-SecureString $pair[1] -AsPlainText -Force))
    }
  }
  $t = [Diagnostics.Stopwatch]::StartNew()
  $code = 0; $body = ''
  try { $response = Invoke-WebRequest @query; $code = [int]$response.StatusCode; $body = [string]$response.Content }
  catch {
    if ($_.Exception.Response) { $code = [int]$_.Exception.Response.StatusCode }
    else { Fm-Tm 'request' $t.ElapsedMilliseconds; Fm-End $Spec 'FAIL' ('no HTTP answer from ' + $Spec.opts.url) ('pas de réponse HTTP de ' + $Spec.opts.url) ([string]$_.Exception.Message); return }
  }
  Fm-Tm 'request' $t.ElapsedMilliseconds
  Fm-Ev 'status' ([string]$code)
  if (@($Spec.opts.expectStatus) -notcontains [string]$code) { Fm-End $Spec 'FAIL' ('HTTP ' + $code + ', expected ' + ($Spec.opts.expectStatus -join ',')) ('HTTP ' + $code + ', attendu ' + ($Spec.opts.expectStatus -join ',')) ('HTTP ' + $code); return }
  if ($Spec.opts.expectBody -and -not $body.Contains($Spec.opts.expectBody)) { Fm-End $Spec 'FAIL' ('HTTP ' + $code + ', body without the expected text') ('HTTP ' + $code + ', corps sans le texte attendu') 'body'; return }
  Fm-End $Spec 'PASS' ('HTTP ' + $code + ' from ' + $Spec.opts.url) ('HTTP ' + $code + ' de ' + $Spec.opts.url) ''
}

# CONNECT with the name through the proxy: 200, 407 and 403 told apart.
function Fm-Proxy($Spec) {
  Fm-Begin
  if (-not $Spec.opts.proxyHost) { Fm-Untestable $Spec 'no proxy given' 'aucun proxy donné'; return }
  Fm-Ev 'proxy' ($Spec.opts.proxyHost + ':' + $Spec.opts.proxyPort)
  $client = New-Object System.Net.Sockets.TcpClient
  try {
    if (-not $client.ConnectAsync($Spec.opts.proxyHost, [int]$Spec.opts.proxyPort).Wait($FmTimeoutMs)) { throw 'no answer from the proxy' }
    $stream = $client.GetStream()
    $stream.ReadTimeout = $FmTimeoutMs
    $authority = $Spec.target + ':' + $Spec.opts.port
    $request = 'CONNECT ' + $authority + " HTTP/1.1\`r\`nHost: " + $authority + "\`r\`n"
    if ($env:FLOWMATRIX_PROXY_USER) { $request += 'Proxy-Authorization: Basic ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($env:FLOWMATRIX_PROXY_USER)) + "\`r\`n" }
    $bytes = [Text.Encoding]::ASCII.GetBytes($request + "\`r\`n")
    $stream.Write($bytes, 0, $bytes.Length)
    $reader = New-Object System.IO.StreamReader($stream)
    $line = $reader.ReadLine()
    $code = ($line -split ' ')[1]
    Fm-Ev 'connect status' $line
    switch ($code) {
      '200' { Fm-End $Spec 'PASS' ('CONNECT ' + $authority + ' through the proxy: 200') ('CONNECT ' + $authority + ' par le proxy : 200') '' }
      '407' { Fm-End $Spec 'FAIL' 'proxy authentication required (407)' 'authentification proxy exigée (407)' '407' }
      '403' { Fm-End $Spec 'FAIL' ('the proxy refuses ' + $authority + ' (403)') ('le proxy refuse ' + $authority + ' (403)') '403' }
      default { Fm-End $Spec 'FAIL' ('the proxy answered CONNECT with ' + $line) ('le proxy a répondu au CONNECT : ' + $line) $line }
    }
  } catch {
    Fm-End $Spec 'FAIL' 'proxy not reached' 'proxy injoignable' ([string]$_.Exception.Message)
  } finally { $client.Dispose() }
}

function Fm-SmtpReply($Reader) {
  $lines = @()
  for ($i = 0; $i -lt 100; $i++) {
    $line = $Reader.ReadLine()
    if ($null -eq $line) { break }
    $lines += $line
    if ($line.Length -lt 4 -or $line[3] -ne '-') { break }
  }
  return , $lines
}

# 220, EHLO, STARTTLS upgraded, AUTH only under TLS, RCPT with the null sender; 421 retried once.
function Fm-Smtp($Spec) {
  Fm-Begin
  $concerns = @()
  for ($attempt = 1; $attempt -le 2; $attempt++) {
    $client = New-Object System.Net.Sockets.TcpClient
    try {
      if (-not $client.ConnectAsync($Spec.opts.address, [int]$Spec.opts.port).Wait($FmTimeoutMs)) { throw 'no answer to the TCP connection' }
      $stream = $client.GetStream()
      $stream.ReadTimeout = $FmTimeoutMs
      $reader = New-Object System.IO.StreamReader($stream)
      $writer = New-Object System.IO.StreamWriter($stream)
      $writer.NewLine = "\`r\`n"; $writer.AutoFlush = $true
      $banner = Fm-SmtpReply $reader
      Fm-Ev 'banner' ($banner -join ' | ')
      if ($banner[0] -like '421*' -and $attempt -eq 1) { Fm-Ev 'backoff' ('421 received; retrying once after ' + $Spec.opts.retry + ' s'); $client.Dispose(); Start-Sleep -Seconds $Spec.opts.retry; continue }
      if ($banner[0] -like '421*') { Fm-End $Spec 'FAIL' 'SMTP busy: 421 twice, after a back-off' 'SMTP occupé : 421 deux fois, après une pause' $banner[0]; return }
      if ($banner[0] -notlike '220*') { Fm-End $Spec 'FAIL' 'no 220 banner' 'pas de bannière 220' ($banner -join ' | '); return }
      $writer.WriteLine('EHLO [127.0.0.1]')
      $ehlo = Fm-SmtpReply $reader
      $caps = @($ehlo | Select-Object -Skip 1 | ForEach-Object { $_.Substring(4) })
      Fm-Ev 'capabilities' ($caps -join ', ')
      $auth = $caps | Where-Object { $_ -match '^AUTH[ =]' } | Select-Object -First 1
      if ($auth) { Fm-Ev 'auth before tls' $auth; $concerns += ($auth + ' offered before TLS') }
      if ($caps -notcontains 'STARTTLS') { Fm-End $Spec 'FAIL' 'STARTTLS not offered' 'STARTTLS non proposé' ('EHLO: ' + ($caps -join ', ')); return }
      $writer.WriteLine('STARTTLS')
      $go = Fm-SmtpReply $reader
      if ($go[0] -notlike '220*') { Fm-End $Spec 'FAIL' 'STARTTLS refused' 'STARTTLS refusé' ($go -join ' | '); return }
      $tls = Fm-TlsOver $stream $Spec
      if ($tls.policy -ne 'None') { Fm-End $Spec 'FAIL' ('SMTP answers, but TLS fails: certificate not trusted (' + $tls.policy + ')') ('SMTP répond, mais TLS échoue : certificat non reconnu (' + $tls.policy + ')') ('certificate not trusted (' + $tls.policy + ')'); return }
      $reader = New-Object System.IO.StreamReader($tls.ssl)
      $writer = New-Object System.IO.StreamWriter($tls.ssl)
      $writer.NewLine = "\`r\`n"; $writer.AutoFlush = $true
      $writer.WriteLine('EHLO [127.0.0.1]')
      $after = Fm-SmtpReply $reader
      Fm-Ev 'capabilities after tls' ((@($after | Select-Object -Skip 1 | ForEach-Object { $_.Substring(4) })) -join ', ')
      if ($Spec.opts.rcpt) {
        $writer.WriteLine('MAIL FROM:<>')
        $from = Fm-SmtpReply $reader
        Fm-Ev 'mail from <>' ($from -join ' | ')
        $writer.WriteLine('RCPT TO:<' + $Spec.opts.rcpt + '>')
        $to = Fm-SmtpReply $reader
        Fm-Ev ('rcpt to <' + $Spec.opts.rcpt + '>') ($to -join ' | ')
        if ($to[0] -like '5*') { Fm-End $Spec 'FAIL' ('recipient refused (' + $to[0].Substring(0, 3) + ')') ('destinataire refusé (' + $to[0].Substring(0, 3) + ')') ($to -join ' | '); return }
        if ($to[0] -like '4*') { $concerns += ('temporary refusal ' + $to[0]) }
        $writer.WriteLine('RSET'); [void](Fm-SmtpReply $reader)
      }
      $writer.WriteLine('QUIT')
      if ($concerns.Count -gt 0) { Fm-Ev 'concerns' ($concerns -join '; '); Fm-End $Spec 'WARN' ('SMTP answers, with concerns: ' + ($concerns -join '; ')) ('SMTP répond, avec réserves : ' + ($concerns -join ' ; ')) ''; return }
      Fm-End $Spec 'PASS' 'SMTP answers and STARTTLS upgrades' 'SMTP répond et STARTTLS aboutit' ''
      return
    } catch {
      Fm-End $Spec 'FAIL' 'the SMTP conversation broke off' 'la conversation SMTP a été interrompue' ([string]$_.Exception.Message)
      return
    } finally { $client.Dispose() }
  }
}

# $FmHead (written by the emitter) opens the document: format, site, source and the probes with their titles.
function Fm-Print {
  $json = ConvertTo-Json -InputObject @($FmResults) -Depth 8 -Compress
  if ($FmResults.Count -eq 0) { $json = '[]' }
  $FmHead + $json + '}'
}
`;
