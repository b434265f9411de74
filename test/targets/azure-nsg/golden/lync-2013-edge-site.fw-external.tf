# flowmatrix: site lync-2013-edge-example, firewall fw-external (Azure NSG). Generated: change the catalog or the site, not this file.
# Associate the group with the subnets (or NICs) of both ends: Inbound rules hold where traffic arrives,
# Outbound rules where it leaves. The closing deny rules (4096) override AllowVnetInBound/AllowVnetOutBound
# and AllowAzureLoadBalancerInBound: add a rule for load-balancer probes if the site uses them.

variable "resource_group_name" {
  type = string
}

variable "location" {
  type = string
}

resource "azurerm_network_security_group" "fw-external" {
  name                = "flowmatrix-lync-2013-edge-example-fw-external"
  location            = var.location
  resource_group_name = var.resource_group_name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-xmpp-in_in_tcp_v4" {
  name                         = "lync-2013-edge-ext-xmpp-in-in-tcp-v4"
  priority                     = 100
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["5269"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["203.0.113.10"]
  description                  = "lync-2013-edge/ext-xmpp-in ref External interface, row 1 + lync-2013-edge/xmpp-s2s-in ref XMPP, row 1: Contacts of the configured XMPP feder"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-xmpp-in_in_tcp_v6" {
  name                         = "lync-2013-edge-ext-xmpp-in-in-tcp-v6"
  priority                     = 110
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["5269"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["2001:db8:113::10"]
  description                  = "lync-2013-edge/ext-xmpp-in ref External interface, row 1 + lync-2013-edge/xmpp-s2s-in ref XMPP, row 1: Contacts of the configured XMPP feder"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-xmpp-in_out_tcp_v4" {
  name                         = "lync-2013-edge-ext-xmpp-in-out-tcp-v4"
  priority                     = 100
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["5269"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["203.0.113.10"]
  description                  = "lync-2013-edge/ext-xmpp-in ref External interface, row 1 + lync-2013-edge/xmpp-s2s-in ref XMPP, row 1: Contacts of the configured XMPP feder"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-xmpp-in_out_tcp_v6" {
  name                         = "lync-2013-edge-ext-xmpp-in-out-tcp-v6"
  priority                     = 110
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["5269"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["2001:db8:113::10"]
  description                  = "lync-2013-edge/ext-xmpp-in ref External interface, row 1 + lync-2013-edge/xmpp-s2s-in ref XMPP, row 1: Contacts of the configured XMPP feder"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-crl-http_in_tcp_v4" {
  name                        = "lync-2013-edge-ext-crl-http-in-tcp-v4"
  priority                    = 120
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["80"]
  source_address_prefixes     = ["203.0.113.10"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-crl-http ref External interface, row 2: The Edge Server checks and downloads certificate revocation lists."
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-crl-http_in_tcp_v6" {
  name                        = "lync-2013-edge-ext-crl-http-in-tcp-v6"
  priority                    = 130
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["80"]
  source_address_prefixes     = ["2001:db8:113::10"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-crl-http ref External interface, row 2: The Edge Server checks and downloads certificate revocation lists."
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-crl-http_out_tcp_v4" {
  name                        = "lync-2013-edge-ext-crl-http-out-tcp-v4"
  priority                    = 120
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["80"]
  source_address_prefixes     = ["203.0.113.10"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-crl-http ref External interface, row 2: The Edge Server checks and downloads certificate revocation lists."
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-crl-http_out_tcp_v6" {
  name                        = "lync-2013-edge-ext-crl-http-out-tcp-v6"
  priority                    = 130
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["80"]
  source_address_prefixes     = ["2001:db8:113::10"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-crl-http ref External interface, row 2: The Edge Server checks and downloads certificate revocation lists."
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-dns-tcp_in_tcp_v4" {
  name                        = "lync-2013-edge-ext-dns-tcp-in-tcp-v4"
  priority                    = 140
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["53"]
  source_address_prefixes     = ["203.0.113.10"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-dns-tcp ref External interface, row 3: External DNS resolution over TCP (federated partners' SRV records, among others)."
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-dns-tcp_in_tcp_v6" {
  name                        = "lync-2013-edge-ext-dns-tcp-in-tcp-v6"
  priority                    = 150
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["53"]
  source_address_prefixes     = ["2001:db8:113::10"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-dns-tcp ref External interface, row 3: External DNS resolution over TCP (federated partners' SRV records, among others)."
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-dns-tcp_out_tcp_v4" {
  name                        = "lync-2013-edge-ext-dns-tcp-out-tcp-v4"
  priority                    = 140
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["53"]
  source_address_prefixes     = ["203.0.113.10"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-dns-tcp ref External interface, row 3: External DNS resolution over TCP (federated partners' SRV records, among others)."
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-dns-tcp_out_tcp_v6" {
  name                        = "lync-2013-edge-ext-dns-tcp-out-tcp-v6"
  priority                    = 150
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["53"]
  source_address_prefixes     = ["2001:db8:113::10"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-dns-tcp ref External interface, row 3: External DNS resolution over TCP (federated partners' SRV records, among others)."
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-dns-udp_in_udp_v4" {
  name                        = "lync-2013-edge-ext-dns-udp-in-udp-v4"
  priority                    = 160
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_port_range           = "*"
  destination_port_ranges     = ["53"]
  source_address_prefixes     = ["203.0.113.10"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-dns-udp ref External interface, row 4: External DNS resolution over UDP."
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-dns-udp_in_udp_v6" {
  name                        = "lync-2013-edge-ext-dns-udp-in-udp-v6"
  priority                    = 170
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_port_range           = "*"
  destination_port_ranges     = ["53"]
  source_address_prefixes     = ["2001:db8:113::10"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-dns-udp ref External interface, row 4: External DNS resolution over UDP."
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-dns-udp_out_udp_v4" {
  name                        = "lync-2013-edge-ext-dns-udp-out-udp-v4"
  priority                    = 160
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_port_range           = "*"
  destination_port_ranges     = ["53"]
  source_address_prefixes     = ["203.0.113.10"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-dns-udp ref External interface, row 4: External DNS resolution over UDP."
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-dns-udp_out_udp_v6" {
  name                        = "lync-2013-edge-ext-dns-udp-out-udp-v6"
  priority                    = 170
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_port_range           = "*"
  destination_port_ranges     = ["53"]
  source_address_prefixes     = ["2001:db8:113::10"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-dns-udp ref External interface, row 4: External DNS resolution over UDP."
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-sip-client-in_in_tcp_v4" {
  name                         = "lync-2013-edge-ext-sip-client-in-in-tcp-v4"
  priority                     = 180
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["203.0.113.10"]
  description                  = "lync-2013-edge/ext-sip-client-in ref External interface, row 5: SIP signalling from remote clients to the Access Edge service (sign-in, pres"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-sip-client-in_in_tcp_v6" {
  name                         = "lync-2013-edge-ext-sip-client-in-in-tcp-v6"
  priority                     = 190
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["2001:db8:113::10"]
  description                  = "lync-2013-edge/ext-sip-client-in ref External interface, row 5: SIP signalling from remote clients to the Access Edge service (sign-in, pres"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-sip-client-in_out_tcp_v4" {
  name                         = "lync-2013-edge-ext-sip-client-in-out-tcp-v4"
  priority                     = 180
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["203.0.113.10"]
  description                  = "lync-2013-edge/ext-sip-client-in ref External interface, row 5: SIP signalling from remote clients to the Access Edge service (sign-in, pres"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-sip-client-in_out_tcp_v6" {
  name                         = "lync-2013-edge-ext-sip-client-in-out-tcp-v6"
  priority                     = 190
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["2001:db8:113::10"]
  description                  = "lync-2013-edge/ext-sip-client-in ref External interface, row 5: SIP signalling from remote clients to the Access Edge service (sign-in, pres"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-sip-federation-in_in_tcp_v4" {
  name                         = "lync-2013-edge-ext-sip-federation-in-in-tcp-v4"
  priority                     = 200
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["5061"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["203.0.113.10"]
  description                  = "lync-2013-edge/ext-sip-federation-in ref External interface, row 6: Federated and PIC partners open SIP sessions to the Access Edge service."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-sip-federation-in_in_tcp_v6" {
  name                         = "lync-2013-edge-ext-sip-federation-in-in-tcp-v6"
  priority                     = 210
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["5061"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["2001:db8:113::10"]
  description                  = "lync-2013-edge/ext-sip-federation-in ref External interface, row 6: Federated and PIC partners open SIP sessions to the Access Edge service."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-sip-federation-in_out_tcp_v4" {
  name                         = "lync-2013-edge-ext-sip-federation-in-out-tcp-v4"
  priority                     = 200
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["5061"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["203.0.113.10"]
  description                  = "lync-2013-edge/ext-sip-federation-in ref External interface, row 6: Federated and PIC partners open SIP sessions to the Access Edge service."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-sip-federation-in_out_tcp_v6" {
  name                         = "lync-2013-edge-ext-sip-federation-in-out-tcp-v6"
  priority                     = 210
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["5061"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["2001:db8:113::10"]
  description                  = "lync-2013-edge/ext-sip-federation-in ref External interface, row 6: Federated and PIC partners open SIP sessions to the Access Edge service."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-sip-federation-out_in_tcp_v4" {
  name                        = "lync-2013-edge-ext-sip-federation-out-in-tcp-v4"
  priority                    = 220
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["5061"]
  source_address_prefixes     = ["203.0.113.10"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-sip-federation-out ref External interface, row 7 + lync-2013-edge/fed-sip-out ref Federation, row 1: The Access Edge serv"
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-sip-federation-out_in_tcp_v6" {
  name                        = "lync-2013-edge-ext-sip-federation-out-in-tcp-v6"
  priority                    = 230
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["5061"]
  source_address_prefixes     = ["2001:db8:113::10"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-sip-federation-out ref External interface, row 7 + lync-2013-edge/fed-sip-out ref Federation, row 1: The Access Edge serv"
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-sip-federation-out_out_tcp_v4" {
  name                        = "lync-2013-edge-ext-sip-federation-out-out-tcp-v4"
  priority                    = 220
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["5061"]
  source_address_prefixes     = ["203.0.113.10"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-sip-federation-out ref External interface, row 7 + lync-2013-edge/fed-sip-out ref Federation, row 1: The Access Edge serv"
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-sip-federation-out_out_tcp_v6" {
  name                        = "lync-2013-edge-ext-sip-federation-out-out-tcp-v6"
  priority                    = 230
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["5061"]
  source_address_prefixes     = ["2001:db8:113::10"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-sip-federation-out ref External interface, row 7 + lync-2013-edge/fed-sip-out ref Federation, row 1: The Access Edge serv"
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-psom-in_in_tcp_v4" {
  name                         = "lync-2013-edge-ext-psom-in-in-tcp-v4"
  priority                     = 240
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["203.0.113.11"]
  description                  = "lync-2013-edge/ext-psom-in ref External interface, row 8: Web conference content (sharing, whiteboard) between external participants and the"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-psom-in_out_tcp_v4" {
  name                         = "lync-2013-edge-ext-psom-in-out-tcp-v4"
  priority                     = 240
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["203.0.113.11"]
  description                  = "lync-2013-edge/ext-psom-in ref External interface, row 8: Web conference content (sharing, whiteboard) between external participants and the"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-rtp-tcp-out_in_tcp_v4" {
  name                        = "lync-2013-edge-ext-rtp-tcp-out-in-tcp-v4"
  priority                    = 250
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["50000-59999"]
  source_address_prefixes     = ["203.0.113.10"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-rtp-tcp-out ref External interface, row 9: Outbound A/V media over TCP to federated partners' Edge Servers."
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-rtp-tcp-out_in_tcp_v6" {
  name                        = "lync-2013-edge-ext-rtp-tcp-out-in-tcp-v6"
  priority                    = 260
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["50000-59999"]
  source_address_prefixes     = ["2001:db8:113::10"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-rtp-tcp-out ref External interface, row 9: Outbound A/V media over TCP to federated partners' Edge Servers."
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-rtp-tcp-out_out_tcp_v4" {
  name                        = "lync-2013-edge-ext-rtp-tcp-out-out-tcp-v4"
  priority                    = 250
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["50000-59999"]
  source_address_prefixes     = ["203.0.113.10"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-rtp-tcp-out ref External interface, row 9: Outbound A/V media over TCP to federated partners' Edge Servers."
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-rtp-tcp-out_out_tcp_v6" {
  name                        = "lync-2013-edge-ext-rtp-tcp-out-out-tcp-v6"
  priority                    = 260
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["50000-59999"]
  source_address_prefixes     = ["2001:db8:113::10"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-rtp-tcp-out ref External interface, row 9: Outbound A/V media over TCP to federated partners' Edge Servers."
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-rtp-udp-out-ocs2007_in_udp_v4" {
  name                        = "lync-2013-edge-ext-rtp-udp-out-ocs2007-in-udp-v4"
  priority                    = 270
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_port_range           = "*"
  destination_port_ranges     = ["50000-59999"]
  source_address_prefixes     = ["203.0.113.12"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-rtp-udp-out-ocs2007 ref External interface, row 10: Outbound A/V media over UDP to federated Office Communications Server"
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-rtp-udp-out-ocs2007_out_udp_v4" {
  name                        = "lync-2013-edge-ext-rtp-udp-out-ocs2007-out-udp-v4"
  priority                    = 270
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_port_range           = "*"
  destination_port_ranges     = ["50000-59999"]
  source_address_prefixes     = ["203.0.113.12"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-rtp-udp-out-ocs2007 ref External interface, row 10: Outbound A/V media over UDP to federated Office Communications Server"
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-rtp-tcp-in-ocs2007_in_tcp_v4" {
  name                         = "lync-2013-edge-ext-rtp-tcp-in-ocs2007-in-tcp-v4"
  priority                     = 280
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["50000-59999"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["203.0.113.12"]
  description                  = "lync-2013-edge/ext-rtp-tcp-in-ocs2007 ref External interface, row 11: Inbound A/V media over TCP from federated Office Communications Server"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-rtp-tcp-in-ocs2007_out_tcp_v4" {
  name                         = "lync-2013-edge-ext-rtp-tcp-in-ocs2007-out-tcp-v4"
  priority                     = 280
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["50000-59999"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["203.0.113.12"]
  description                  = "lync-2013-edge/ext-rtp-tcp-in-ocs2007 ref External interface, row 11: Inbound A/V media over TCP from federated Office Communications Server"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-rtp-udp-in-ocs2007_in_udp_v4" {
  name                         = "lync-2013-edge-ext-rtp-udp-in-ocs2007-in-udp-v4"
  priority                     = 290
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Udp"
  source_port_range            = "*"
  destination_port_ranges      = ["50000-59999"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["203.0.113.12"]
  description                  = "lync-2013-edge/ext-rtp-udp-in-ocs2007 ref External interface, row 12: Inbound A/V media over UDP from federated Office Communications Server"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-rtp-udp-in-ocs2007_out_udp_v4" {
  name                         = "lync-2013-edge-ext-rtp-udp-in-ocs2007-out-udp-v4"
  priority                     = 290
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Udp"
  source_port_range            = "*"
  destination_port_ranges      = ["50000-59999"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["203.0.113.12"]
  description                  = "lync-2013-edge/ext-rtp-udp-in-ocs2007 ref External interface, row 12: Inbound A/V media over UDP from federated Office Communications Server"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-stun-udp-out_in_udp_v4" {
  name                        = "lync-2013-edge-ext-stun-udp-out-in-udp-v4"
  priority                    = 300
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_port_range           = "*"
  destination_port_ranges     = ["3478"]
  source_address_prefixes     = ["203.0.113.12"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-stun-udp-out ref External interface, row 13: The A/V Edge service detects the remote Edge's version and relays media Edge"
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-stun-udp-out_out_udp_v4" {
  name                        = "lync-2013-edge-ext-stun-udp-out-out-udp-v4"
  priority                    = 300
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_port_range           = "*"
  destination_port_ranges     = ["3478"]
  source_address_prefixes     = ["203.0.113.12"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-stun-udp-out ref External interface, row 13: The A/V Edge service detects the remote Edge's version and relays media Edge"
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-stun-udp-in_in_udp_v4" {
  name                         = "lync-2013-edge-ext-stun-udp-in-in-udp-v4"
  priority                     = 310
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Udp"
  source_port_range            = "*"
  destination_port_ranges      = ["3478"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["203.0.113.12"]
  description                  = "lync-2013-edge/ext-stun-udp-in ref External interface, row 14: STUN/TURN negotiation of media candidates over UDP with the A/V Edge service."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-stun-udp-in_out_udp_v4" {
  name                         = "lync-2013-edge-ext-stun-udp-in-out-udp-v4"
  priority                     = 310
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Udp"
  source_port_range            = "*"
  destination_port_ranges      = ["3478"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["203.0.113.12"]
  description                  = "lync-2013-edge/ext-stun-udp-in ref External interface, row 14: STUN/TURN negotiation of media candidates over UDP with the A/V Edge service."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-stun-tcp-in_in_tcp_v4" {
  name                         = "lync-2013-edge-ext-stun-tcp-in-in-tcp-v4"
  priority                     = 320
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["203.0.113.12"]
  description                  = "lync-2013-edge/ext-stun-tcp-in ref External interface, row 15: STUN/TURN negotiation of media candidates over TCP with the A/V Edge service."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-stun-tcp-in_out_tcp_v4" {
  name                         = "lync-2013-edge-ext-stun-tcp-in-out-tcp-v4"
  priority                     = 320
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefix        = "*"
  destination_address_prefixes = ["203.0.113.12"]
  description                  = "lync-2013-edge/ext-stun-tcp-in ref External interface, row 15: STUN/TURN negotiation of media candidates over TCP with the A/V Edge service."
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-stun-tcp-out_in_tcp_v4" {
  name                        = "lync-2013-edge-ext-stun-tcp-out-in-tcp-v4"
  priority                    = 330
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["443"]
  source_address_prefixes     = ["203.0.113.12"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-stun-tcp-out ref External interface, row 16: STUN/TURN negotiation of media candidates over TCP from the A/V Edge service"
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_ext-stun-tcp-out_out_tcp_v4" {
  name                        = "lync-2013-edge-ext-stun-tcp-out-out-tcp-v4"
  priority                    = 330
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["443"]
  source_address_prefixes     = ["203.0.113.12"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/ext-stun-tcp-out ref External interface, row 16: STUN/TURN negotiation of media candidates over TCP from the A/V Edge service"
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_xmpp-s2s-out_in_tcp_v4" {
  name                        = "lync-2013-edge-xmpp-s2s-out-in-tcp-v4"
  priority                    = 340
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["5269"]
  source_address_prefixes     = ["203.0.113.10"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/xmpp-s2s-out ref XMPP, row 2: The Edge Server's XMPP proxy reaches federated XMPP partners."
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_xmpp-s2s-out_in_tcp_v6" {
  name                        = "lync-2013-edge-xmpp-s2s-out-in-tcp-v6"
  priority                    = 350
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["5269"]
  source_address_prefixes     = ["2001:db8:113::10"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/xmpp-s2s-out ref XMPP, row 2: The Edge Server's XMPP proxy reaches federated XMPP partners."
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_xmpp-s2s-out_out_tcp_v4" {
  name                        = "lync-2013-edge-xmpp-s2s-out-out-tcp-v4"
  priority                    = 340
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["5269"]
  source_address_prefixes     = ["203.0.113.10"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/xmpp-s2s-out ref XMPP, row 2: The Edge Server's XMPP proxy reaches federated XMPP partners."
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
}

resource "azurerm_network_security_rule" "lync-2013-edge_xmpp-s2s-out_out_tcp_v6" {
  name                        = "lync-2013-edge-xmpp-s2s-out-out-tcp-v6"
  priority                    = 350
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["5269"]
  source_address_prefixes     = ["2001:db8:113::10"]
  destination_address_prefix  = "*"
  description                 = "lync-2013-edge/xmpp-s2s-out ref XMPP, row 2: The Edge Server's XMPP proxy reaches federated XMPP partners."
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw-external.name
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
  network_security_group_name = azurerm_network_security_group.fw-external.name
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
  network_security_group_name = azurerm_network_security_group.fw-external.name
}
