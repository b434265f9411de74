// flowmatrix: PAC file for proxy proxy-out of site proxy-site. Generated: change the catalog or the site, not this file.
// Order as Microsoft’s Get-PacFile: exceptions, then direct destinations, then destinations through the proxy, then the default.
// A PAC file only routes requests: ports and sources are enforced by the proxy and the firewalls.
function FindProxyForURL(url, host) {
	var direct = "DIRECT";
	var proxyServer = "PROXY 10.20.4.8:3128";
	host = host.toLowerCase();
	// isInNet is only asked about address literals: a name is never resolved to choose a route.
	var isIpV4 = /^\d{1,3}(\.\d{1,3}){3}$/.test(host);

	// 1. Exceptions: names without a dot (intranet)
	if (isPlainHostName(host))
		return direct;
	// The site’s bypass list (proxy.bypass)
	if (shExpMatch(host, "*.corp.example") ||
	    (dnsDomainIs(host, ".intra.example") || host == "intra.example") ||
	    (isIpV4 && isInNet(host, "192.0.2.0", "255.255.255.0")))
		return direct;
	// Internal zone lan: addresses, not reached through the proxy
	if ((isIpV4 && isInNet(host, "10.20.0.0", "255.255.0.0")))
		return direct;
	// Internal zone dmz: addresses, not reached through the proxy
	if ((isIpV4 && isInNet(host, "10.20.4.0", "255.255.255.0")))
		return direct;

	// 2. Direct: flows the matrix does not send through the proxy
	// m365/optimize ref row 11
	if (shExpMatch(host, "outlook.office365.example") ||
	    shExpMatch(host, "*.teams.example") ||
	    (isIpV4 && isInNet(host, "52.112.0.0", "255.252.0.0")))
		return direct;
	// m365/login-direct ref row 12
	if (shExpMatch(host, "login.microsoftonline.com"))
		return direct;

	// 3. Through the proxy
	// m365/graph ref row 1 leg 2/2
	if (shExpMatch(host, "graph.microsoft.com"))
		return proxyServer;
	// fixture/portal ref 5 Wi-Fi leg 2/2
	if (shExpMatch(host, "*.portal.example") ||
	    shExpMatch(host, "*.eu.portal.example"))
		return proxyServer;
	// fixture/saas-ranges ref row 4 leg 2/2
	if ((isIpV4 && isInNet(host, "203.0.113.0", "255.255.255.0")) ||
	    (isIpV4 && isInNet(host, "198.51.100.7", "255.255.255.255")))
		return proxyServer;
	// fixture/wizard ref row 9 leg 2/2
	if (shExpMatch(host, "aka.example"))
		return proxyServer;
	// fixture/crl ref 1 leg 2/2
	if (shExpMatch(host, "crl.ca.example") ||
	    shExpMatch(host, "ocsp.ca.example"))
		return proxyServer;
	// fixture/anywhere ref 2 leg 2/2 (any destination: the default applies)

	// 4. Default (option default: proxy): everything else is the Internet, through the proxy
	return proxyServer;
}
