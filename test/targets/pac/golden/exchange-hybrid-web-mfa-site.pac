// flowmatrix: PAC file for proxy outbound-proxy of site exchange-hybrid-web-mfa-example. Generated: change the catalog or the site, not this file.
// Order as Microsoft’s Get-PacFile: exceptions, then direct destinations, then destinations through the proxy, then the default.
// A PAC file only routes requests: ports and sources are enforced by the proxy and the firewalls.
function FindProxyForURL(url, host) {
	var direct = "DIRECT";
	var proxyServer = "PROXY 198.51.100.20:8080";
	host = host.toLowerCase();
	// isInNet is only asked about address literals: a name is never resolved to choose a route.
	var isIpV4 = /^\d{1,3}(\.\d{1,3}){3}$/.test(host);

	// 1. Exceptions: names without a dot (intranet)
	if (isPlainHostName(host))
		return direct;
	// Internal zone lan: addresses, not reached through the proxy
	if ((isIpV4 && isInNet(host, "10.40.0.0", "255.255.0.0")))
		return direct;
	// Internal zone dmz: addresses, not reached through the proxy
	if ((isIpV4 && isInNet(host, "198.51.100.0", "255.255.255.192")))
		return direct;

	// 2. Direct: flows the matrix does not send through the proxy

	// 3. Through the proxy
	// exchange-hybrid-web-mfa/user-to-exchange-online ref Flux de l utilisateur d Exchange Online, etapes 1 et 6 leg 2/2
	if (shExpMatch(host, "outlook.office.com"))
		return proxyServer;
	// exchange-hybrid-web-mfa/user-to-entra-id ref Flux de l utilisateur d Exchange Online, etapes 2 a 5 leg 2/2
	if (shExpMatch(host, "login.microsoftonline.com"))
		return proxyServer;
	// exchange-hybrid-web-mfa/adfs-to-entra-mfa ref Flux de l utilisateur d Exchange local, etape 4 leg 2/2
	if (shExpMatch(host, "adnotifications.windowsazure.com"))
		return proxyServer;
	// exchange-hybrid-web-mfa/entra-connect-to-entra-id ref Remarques generales, point 3 leg 2/2 (destinations listed above)
	// exchange-hybrid-web-mfa/exchange-onprem-to-entra-id ref Composants (Microsoft Entra ID, Exchange Server) leg 2/2 (destinations listed above)

	// 4. Default (option default: proxy): everything else is the Internet, through the proxy
	return proxyServer;
}
