# flowmatrix: site hamilton-example, firewall fw-internal (Azure NSG). Generated: change the catalog or the site, not this file.
# Associate the group with the subnets (or NICs) of both ends: Inbound rules hold where traffic arrives,
# Outbound rules where it leaves. The closing deny rules (4096) override AllowVnetInBound/AllowVnetOutBound
# and AllowAzureLoadBalancerInBound: add a rule for load-balancer probes if the site uses them.

variable "resource_group_name" {
  type = string
}

variable "location" {
  type = string
}

resource "azurerm_network_security_group" "fw-internal" {
  name                = "flowmatrix-hamilton-example-fw-internal"
  location            = var.location
  resource_group_name = var.resource_group_name
}

resource "azurerm_network_security_rule" "hamilton_dns_in_udp_v4" {
  name                         = "hamilton-dns-in-udp-v4"
  priority                     = 100
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Udp"
  source_port_range            = "*"
  destination_port_ranges      = ["53"]
  source_address_prefixes      = ["172.16.50.10"]
  destination_address_prefixes = ["10.20.1.53", "10.20.2.53"]
  description                  = "hamilton/dns ref §1 row 1 (DNS): Resolve the names of external services (Graph, SMTP, CRL/OCSP, SMS…)."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "hamilton_dns_in_tcp_v4" {
  name                         = "hamilton-dns-in-tcp-v4"
  priority                     = 110
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["53"]
  source_address_prefixes      = ["172.16.50.10"]
  destination_address_prefixes = ["10.20.1.53", "10.20.2.53"]
  description                  = "hamilton/dns ref §1 row 1 (DNS): Resolve the names of external services (Graph, SMTP, CRL/OCSP, SMS…)."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "hamilton_dns_out_udp_v4" {
  name                         = "hamilton-dns-out-udp-v4"
  priority                     = 100
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Udp"
  source_port_range            = "*"
  destination_port_ranges      = ["53"]
  source_address_prefixes      = ["172.16.50.10"]
  destination_address_prefixes = ["10.20.1.53", "10.20.2.53"]
  description                  = "hamilton/dns ref §1 row 1 (DNS): Resolve the names of external services (Graph, SMTP, CRL/OCSP, SMS…)."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "hamilton_dns_out_tcp_v4" {
  name                         = "hamilton-dns-out-tcp-v4"
  priority                     = 110
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["53"]
  source_address_prefixes      = ["172.16.50.10"]
  destination_address_prefixes = ["10.20.1.53", "10.20.2.53"]
  description                  = "hamilton/dns ref §1 row 1 (DNS): Resolve the names of external services (Graph, SMTP, CRL/OCSP, SMS…)."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "hamilton_ntp_in_udp_v4" {
  name                         = "hamilton-ntp-in-udp-v4"
  priority                     = 120
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Udp"
  source_port_range            = "*"
  destination_port_ranges      = ["123"]
  source_address_prefixes      = ["172.16.50.10"]
  destination_address_prefixes = ["10.20.1.123"]
  description                  = "hamilton/ntp ref §1 row 2 (NTP): Keep time accurate, which authentication, SSO and certificates depend on."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "hamilton_ntp_out_udp_v4" {
  name                         = "hamilton-ntp-out-udp-v4"
  priority                     = 120
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Udp"
  source_port_range            = "*"
  destination_port_ranges      = ["123"]
  source_address_prefixes      = ["172.16.50.10"]
  destination_address_prefixes = ["10.20.1.123"]
  description                  = "hamilton/ntp ref §1 row 2 (NTP): Keep time accurate, which authentication, SSO and certificates depend on."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "hamilton_smtp-relay_in_tcp_v4" {
  name                         = "hamilton-smtp-relay-in-tcp-v4"
  priority                     = 130
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["587"]
  source_address_prefixes      = ["172.16.50.10"]
  destination_address_prefixes = ["10.20.1.25"]
  description                  = "hamilton/smtp-relay ref §2 row 1 (Relais SMTP interne): Send e-mail notifications through the corporate relay, with no direct Internet acces"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "hamilton_smtp-relay_out_tcp_v4" {
  name                         = "hamilton-smtp-relay-out-tcp-v4"
  priority                     = 130
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["587"]
  source_address_prefixes      = ["172.16.50.10"]
  destination_address_prefixes = ["10.20.1.25"]
  description                  = "hamilton/smtp-relay ref §2 row 1 (Relais SMTP interne): Send e-mail notifications through the corporate relay, with no direct Internet acces"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "hamilton_graph-auth-admin_in_tcp_v4" {
  name                         = "hamilton-graph-auth-admin-in-tcp-v4"
  priority                     = 140
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["3128"]
  source_address_prefixes      = ["10.20.30.11", "10.20.30.12"]
  destination_address_prefixes = ["172.16.50.20"]
  description                  = "hamilton/graph-auth-admin ref §3 row 2 (Auth/Consent Azure AD, Administrateur) leg 1/2: Grant admin consent to the Hamilton application in A"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "hamilton_graph-auth-admin_out_tcp_v4" {
  name                         = "hamilton-graph-auth-admin-out-tcp-v4"
  priority                     = 140
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["3128"]
  source_address_prefixes      = ["10.20.30.11", "10.20.30.12"]
  destination_address_prefixes = ["172.16.50.20"]
  description                  = "hamilton/graph-auth-admin ref §3 row 2 (Auth/Consent Azure AD, Administrateur) leg 1/2: Grant admin consent to the Hamilton application in A"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "hamilton_directory-ldaps_in_tcp_v4" {
  name                         = "hamilton-directory-ldaps-in-tcp-v4"
  priority                     = 150
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["636"]
  source_address_prefixes      = ["172.16.50.10"]
  destination_address_prefixes = ["10.20.1.10", "10.20.2.10"]
  description                  = "hamilton/directory-ldaps ref §8 item 2 (AD/LDAPS): Read the directory (users, groups) from the domain controllers."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "hamilton_directory-ldaps_out_tcp_v4" {
  name                         = "hamilton-directory-ldaps-out-tcp-v4"
  priority                     = 150
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["636"]
  source_address_prefixes      = ["172.16.50.10"]
  destination_address_prefixes = ["10.20.1.10", "10.20.2.10"]
  description                  = "hamilton/directory-ldaps ref §8 item 2 (AD/LDAPS): Read the directory (users, groups) from the domain controllers."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "hamilton_clients-web_in_tcp_v4" {
  name                         = "hamilton-clients-web-in-tcp-v4"
  priority                     = 160
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefixes      = ["10.20.40.0/28", "10.20.64.0/18"]
  destination_address_prefixes = ["172.16.50.10"]
  description                  = "hamilton/clients-web ref Hamilton public flow matrix — clients → WEB HTTPS 443: Users and administrators reach the Hamilton web application."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "hamilton_clients-web_in_tcp_v6" {
  name                         = "hamilton-clients-web-in-tcp-v6"
  priority                     = 170
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefixes      = ["2001:db8:20:40::/60"]
  destination_address_prefixes = ["2001:db8:50::10"]
  description                  = "hamilton/clients-web ref Hamilton public flow matrix — clients → WEB HTTPS 443: Users and administrators reach the Hamilton web application."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "hamilton_clients-web_out_tcp_v4" {
  name                         = "hamilton-clients-web-out-tcp-v4"
  priority                     = 160
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefixes      = ["10.20.40.0/28", "10.20.64.0/18"]
  destination_address_prefixes = ["172.16.50.10"]
  description                  = "hamilton/clients-web ref Hamilton public flow matrix — clients → WEB HTTPS 443: Users and administrators reach the Hamilton web application."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "hamilton_clients-web_out_tcp_v6" {
  name                         = "hamilton-clients-web-out-tcp-v6"
  priority                     = 170
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefixes      = ["2001:db8:20:40::/60"]
  destination_address_prefixes = ["2001:db8:50::10"]
  description                  = "hamilton/clients-web ref Hamilton public flow matrix — clients → WEB HTTPS 443: Users and administrators reach the Hamilton web application."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "hamilton_clients-web_in_tcp_v4_09ub6nj" {
  name                         = "hamilton-clients-web-in-tcp-v4-09ub6nj"
  priority                     = 180
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefixes      = ["10.20.30.11", "10.20.30.12"]
  destination_address_prefixes = ["172.16.50.10"]
  description                  = "hamilton/clients-web ref Hamilton public flow matrix — clients → WEB HTTPS 443: Users and administrators reach the Hamilton web application."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "hamilton_clients-web_out_tcp_v4_1tcb04q" {
  name                         = "hamilton-clients-web-out-tcp-v4-1tcb04q"
  priority                     = 180
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefixes      = ["10.20.30.11", "10.20.30.12"]
  destination_address_prefixes = ["172.16.50.10"]
  description                  = "hamilton/clients-web ref Hamilton public flow matrix — clients → WEB HTTPS 443: Users and administrators reach the Hamilton web application."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "hamilton_web-sql_in_tcp_v4" {
  name                         = "hamilton-web-sql-in-tcp-v4"
  priority                     = 190
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["1433"]
  source_address_prefixes      = ["172.16.50.10"]
  destination_address_prefixes = ["10.20.10.15"]
  description                  = "hamilton/web-sql ref Hamilton public flow matrix — WEB → SQL 1433: The application reaches its SQL Server database."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "hamilton_web-sql_out_tcp_v4" {
  name                         = "hamilton-web-sql-out-tcp-v4"
  priority                     = 190
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["1433"]
  source_address_prefixes      = ["172.16.50.10"]
  destination_address_prefixes = ["10.20.10.15"]
  description                  = "hamilton/web-sql ref Hamilton public flow matrix — WEB → SQL 1433: The application reaches its SQL Server database."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "flowmatrix_deny_in" {
  name                        = "flowmatrix-deny-in"
  priority                    = 4096
  direction                   = "Inbound"
  access                      = "Deny"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  description                 = "flowmatrix: everything the matrix does not list"
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "flowmatrix_deny_out" {
  name                        = "flowmatrix-deny-out"
  priority                    = 4096
  direction                   = "Outbound"
  access                      = "Deny"
  protocol                    = "*"
  source_port_range           = "*"
  destination_port_range      = "*"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  description                 = "flowmatrix: everything the matrix does not list"
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-internal.name
}
