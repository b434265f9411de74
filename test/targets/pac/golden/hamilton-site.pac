// flowmatrix: PAC file for proxy outbound-proxy of site hamilton-example. Generated: change the catalog or the site, not this file.
// Order as Microsoft’s Get-PacFile: exceptions, then direct destinations, then destinations through the proxy, then the default.
// A PAC file only routes requests: ports and sources are enforced by the proxy and the firewalls.
function FindProxyForURL(url, host) {
	var direct = "DIRECT";
	var proxyServer = "PROXY 172.16.50.20:3128";
	host = host.toLowerCase();
	// isInNet is only asked about address literals: a name is never resolved to choose a route.
	var isIpV4 = /^\d{1,3}(\.\d{1,3}){3}$/.test(host);

	// 1. Exceptions: names without a dot (intranet)
	if (isPlainHostName(host))
		return direct;
	// Internal zone lan: addresses, not reached through the proxy
	if ((isIpV4 && isInNet(host, "10.20.0.0", "255.255.0.0")))
		return direct;
	// Internal zone dmz: addresses, not reached through the proxy
	if ((isIpV4 && isInNet(host, "172.16.50.0", "255.255.255.0")))
		return direct;

	// 2. Direct: flows the matrix does not send through the proxy

	// 3. Through the proxy
	// hamilton/crl-ocsp ref 1 row 3 (CRL/OCSP) leg 2/2
	if (shExpMatch(host, "crl.pki-vendor.example") ||
	    shExpMatch(host, "ocsp.pki-vendor.example"))
		return proxyServer;
	// hamilton/graph-api ref 3 row 1 (APIs Graph) leg 2/2
	if (shExpMatch(host, "graph.microsoft.com"))
		return proxyServer;
	// hamilton/graph-auth-web ref 3 row 2 (Auth/Consent Azure AD, WEB) leg 2/2
	if (shExpMatch(host, "login.microsoftonline.com"))
		return proxyServer;
	// hamilton/graph-auth-admin ref 3 row 2 (Auth/Consent Azure AD, Administrateur) leg 2/2 (destinations listed above)
	// hamilton/sms ref 4 row 1 (SMS) leg 2/2
	if (shExpMatch(host, "api.sms-provider.example") ||
	    shExpMatch(host, "status.sms-provider.example"))
		return proxyServer;
	// hamilton/wifi-guest-portal ref 5 row 1 (Wi-Fi Guest, portail cloud) leg 2/2
	if (shExpMatch(host, "*.portal.wifi-provider.example"))
		return proxyServer;

	// 4. Default (option default: proxy): everything else is the Internet, through the proxy
	return proxyServer;
}
