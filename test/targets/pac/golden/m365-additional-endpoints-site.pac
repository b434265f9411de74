// flowmatrix: PAC file for proxy proxy01 of site m365-hybrid-example. Generated: change the catalog or the site, not this file.
// Order as Microsoft’s Get-PacFile: exceptions, then direct destinations, then destinations through the proxy, then the default.
// A PAC file only routes requests: ports and sources are enforced by the proxy and the firewalls.
function FindProxyForURL(url, host) {
	var direct = "DIRECT";
	var proxyServer = "PROXY 172.16.20.5:8080";
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
	if ((isIpV4 && isInNet(host, "198.51.100.0", "255.255.255.192")) ||
	    (isIpV4 && isInNet(host, "172.16.20.0", "255.255.255.0")))
		return direct;

	// 2. Direct: flows the matrix does not send through the proxy

	// 3. Through the proxy
	// m365-additional-endpoints/sara-outbound ref row 2 leg 2/2
	if (shExpMatch(host, "autodiscover.outlook.com") ||
	    shExpMatch(host, "officecdn.microsoft.com") ||
	    shExpMatch(host, "api.diagnostics.office.com") ||
	    shExpMatch(host, "apibasic.diagnostics.office.com") ||
	    shExpMatch(host, "autodiscover-s.outlook.com") ||
	    shExpMatch(host, "cloudcheckenabler.azurewebsites.net") ||
	    shExpMatch(host, "login.live.com") ||
	    shExpMatch(host, "login.microsoftonline.com") ||
	    shExpMatch(host, "login.windows.net") ||
	    shExpMatch(host, "o365diagtelemetry.trafficmanager.net") ||
	    shExpMatch(host, "odc.officeapps.live.com") ||
	    shExpMatch(host, "offcatedge.azureedge.net") ||
	    shExpMatch(host, "officeapps.live.com") ||
	    shExpMatch(host, "outlook.office365.com") ||
	    shExpMatch(host, "outlookdiagnostics.azureedge.net") ||
	    shExpMatch(host, "sara.api.support.microsoft.com"))
		return proxyServer;

	// 4. Default (option default: proxy): everything else is the Internet, through the proxy
	return proxyServer;
}
