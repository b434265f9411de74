# flowmatrix: site fixture-site, firewall fw (Azure NSG). Generated: change the catalog or the site, not this file.
# Associate the group with the subnets (or NICs) of both ends: Inbound rules hold where traffic arrives,
# Outbound rules where it leaves. The closing deny rules (4096) override AllowVnetInBound/AllowVnetOutBound
# and AllowAzureLoadBalancerInBound: add a rule for load-balancer probes if the site uses them.

variable "resource_group_name" {
  type = string
}

variable "location" {
  type = string
}

resource "azurerm_network_security_group" "fw" {
  name                = "flowmatrix-fixture-site-fw"
  location            = var.location
  resource_group_name = var.resource_group_name
}

resource "azurerm_network_security_rule" "fixture_admin-web_in_tcp_v4" {
  name                         = "fixture-admin-web-in-tcp-v4"
  priority                     = 100
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443", "3389"]
  source_address_prefixes      = ["10.10.0.0/24"]
  destination_address_prefixes = ["10.20.0.10"]
  description                  = "fixture/admin-web ref §4.1: Flow admin-web"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw.name
}

resource "azurerm_network_security_rule" "fixture_admin-web_in_tcp_v6" {
  name                         = "fixture-admin-web-in-tcp-v6"
  priority                     = 110
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443", "3389"]
  source_address_prefixes      = ["2001:db8:10::/64"]
  destination_address_prefixes = ["2001:db8:20::10"]
  description                  = "fixture/admin-web ref §4.1: Flow admin-web"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw.name
}

resource "azurerm_network_security_rule" "fixture_admin-web_out_tcp_v4" {
  name                         = "fixture-admin-web-out-tcp-v4"
  priority                     = 100
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443", "3389"]
  source_address_prefixes      = ["10.10.0.0/24"]
  destination_address_prefixes = ["10.20.0.10"]
  description                  = "fixture/admin-web ref §4.1: Flow admin-web"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw.name
}

resource "azurerm_network_security_rule" "fixture_admin-web_out_tcp_v6" {
  name                         = "fixture-admin-web-out-tcp-v6"
  priority                     = 110
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443", "3389"]
  source_address_prefixes      = ["2001:db8:10::/64"]
  destination_address_prefixes = ["2001:db8:20::10"]
  description                  = "fixture/admin-web ref §4.1: Flow admin-web"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw.name
}

resource "azurerm_network_security_rule" "fixture_web-sql_in_tcp_v4" {
  name                         = "fixture-web-sql-in-tcp-v4"
  priority                     = 120
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["1433"]
  source_address_prefixes      = ["10.20.0.10"]
  destination_address_prefixes = ["10.20.1.5"]
  description                  = "fixture/web-sql ref §4.2 \"SQL\": Flow web-sql"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw.name
}

resource "azurerm_network_security_rule" "fixture_web-sql_out_tcp_v4" {
  name                         = "fixture-web-sql-out-tcp-v4"
  priority                     = 120
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["1433"]
  source_address_prefixes      = ["10.20.0.10"]
  destination_address_prefixes = ["10.20.1.5"]
  description                  = "fixture/web-sql ref §4.2 \"SQL\": Flow web-sql"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw.name
}

resource "azurerm_network_security_rule" "fixture_web-smtp_in_tcp_v4" {
  name                         = "fixture-web-smtp-in-tcp-v4"
  priority                     = 130
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["25", "587"]
  source_address_prefixes      = ["10.20.0.10"]
  destination_address_prefixes = ["10.20.2.25"]
  description                  = "fixture/web-smtp ref §5.1: Flow web-smtp"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw.name
}

resource "azurerm_network_security_rule" "fixture_web-smtp_out_tcp_v4" {
  name                         = "fixture-web-smtp-out-tcp-v4"
  priority                     = 130
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["25", "587"]
  source_address_prefixes      = ["10.20.0.10"]
  destination_address_prefixes = ["10.20.2.25"]
  description                  = "fixture/web-smtp ref §5.1: Flow web-smtp"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw.name
}

resource "azurerm_network_security_rule" "m365_graph_in_tcp_v4" {
  name                         = "m365-graph-in-tcp-v4"
  priority                     = 140
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefixes      = ["10.20.0.10"]
  destination_address_prefixes = ["20.190.128.0/18", "40.126.0.0/18"]
  description                  = "m365/graph ref row 12: Flow graph"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw.name
}

resource "azurerm_network_security_rule" "m365_graph_out_tcp_v4" {
  name                         = "m365-graph-out-tcp-v4"
  priority                     = 140
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443"]
  source_address_prefixes      = ["10.20.0.10"]
  destination_address_prefixes = ["20.190.128.0/18", "40.126.0.0/18"]
  description                  = "m365/graph ref row 12: Flow graph"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw.name
}

resource "azurerm_network_security_rule" "lync_lync-media_in_udp_v4" {
  name                         = "lync-lync-media-in-udp-v4"
  priority                     = 150
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Udp"
  source_port_range            = "*"
  destination_port_ranges      = ["3478", "50000-59999"]
  source_address_prefixes      = ["10.30.0.0/24", "10.30.1.0/24", "10.30.2.0/24", "10.30.3.0/24", "10.30.4.0/24", "10.30.5.0/24", "10.30.6.0/24", "10.30.7.0/24", "10.30.8.0/24", "10.30.9.0/24", "10.30.10.0/24", "10.30.11.0/24"]
  destination_address_prefixes = ["10.20.3.10", "10.20.3.11"]
  description                  = "lync/lync-media ref row 7; A/V/RTP/TCP/50 000-59 999: Flow lync-media"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw.name
}

resource "azurerm_network_security_rule" "lync_lync-media_in_tcp_v4" {
  name                         = "lync-lync-media-in-tcp-v4"
  priority                     = 160
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443", "50000-59999"]
  source_address_prefixes      = ["10.30.0.0/24", "10.30.1.0/24", "10.30.2.0/24", "10.30.3.0/24", "10.30.4.0/24", "10.30.5.0/24", "10.30.6.0/24", "10.30.7.0/24", "10.30.8.0/24", "10.30.9.0/24", "10.30.10.0/24", "10.30.11.0/24"]
  destination_address_prefixes = ["10.20.3.10", "10.20.3.11"]
  description                  = "lync/lync-media ref row 7; A/V/RTP/TCP/50 000-59 999: Flow lync-media"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw.name
}

resource "azurerm_network_security_rule" "lync_lync-media_out_udp_v4" {
  name                         = "lync-lync-media-out-udp-v4"
  priority                     = 150
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Udp"
  source_port_range            = "*"
  destination_port_ranges      = ["3478", "50000-59999"]
  source_address_prefixes      = ["10.30.0.0/24", "10.30.1.0/24", "10.30.2.0/24", "10.30.3.0/24", "10.30.4.0/24", "10.30.5.0/24", "10.30.6.0/24", "10.30.7.0/24", "10.30.8.0/24", "10.30.9.0/24", "10.30.10.0/24", "10.30.11.0/24"]
  destination_address_prefixes = ["10.20.3.10", "10.20.3.11"]
  description                  = "lync/lync-media ref row 7; A/V/RTP/TCP/50 000-59 999: Flow lync-media"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw.name
}

resource "azurerm_network_security_rule" "lync_lync-media_out_tcp_v4" {
  name                         = "lync-lync-media-out-tcp-v4"
  priority                     = 160
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["443", "50000-59999"]
  source_address_prefixes      = ["10.30.0.0/24", "10.30.1.0/24", "10.30.2.0/24", "10.30.3.0/24", "10.30.4.0/24", "10.30.5.0/24", "10.30.6.0/24", "10.30.7.0/24", "10.30.8.0/24", "10.30.9.0/24", "10.30.10.0/24", "10.30.11.0/24"]
  destination_address_prefixes = ["10.20.3.10", "10.20.3.11"]
  description                  = "lync/lync-media ref row 7; A/V/RTP/TCP/50 000-59 999: Flow lync-media"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw.name
}

resource "azurerm_network_security_rule" "fixture_ssh-v6_in_tcp_v4" {
  name                         = "fixture-ssh-v6-in-tcp-v4"
  priority                     = 170
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["22"]
  source_address_prefixes      = ["10.10.0.0/24"]
  destination_address_prefixes = ["10.20.0.10"]
  description                  = "fixture/ssh-v6 ref §9: Flow ssh-v6"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw.name
}

resource "azurerm_network_security_rule" "fixture_ssh-v6_in_tcp_v6" {
  name                         = "fixture-ssh-v6-in-tcp-v6"
  priority                     = 180
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["22"]
  source_address_prefixes      = ["2001:db8:10::/64"]
  destination_address_prefixes = ["2001:db8:20::10"]
  description                  = "fixture/ssh-v6 ref §9: Flow ssh-v6"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw.name
}

resource "azurerm_network_security_rule" "fixture_ssh-v6_out_tcp_v4" {
  name                         = "fixture-ssh-v6-out-tcp-v4"
  priority                     = 170
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["22"]
  source_address_prefixes      = ["10.10.0.0/24"]
  destination_address_prefixes = ["10.20.0.10"]
  description                  = "fixture/ssh-v6 ref §9: Flow ssh-v6"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw.name
}

resource "azurerm_network_security_rule" "fixture_ssh-v6_out_tcp_v6" {
  name                         = "fixture-ssh-v6-out-tcp-v6"
  priority                     = 180
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["22"]
  source_address_prefixes      = ["2001:db8:10::/64"]
  destination_address_prefixes = ["2001:db8:20::10"]
  description                  = "fixture/ssh-v6 ref §9: Flow ssh-v6"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw.name
}

resource "azurerm_network_security_rule" "fixture_ntp_in_udp_v4" {
  name                        = "fixture-ntp-in-udp-v4"
  priority                    = 190
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_port_range           = "*"
  destination_port_ranges     = ["123"]
  source_address_prefixes     = ["10.20.0.10"]
  destination_address_prefix  = "*"
  description                 = "fixture/ntp ref §6: Flow ntp"
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw.name
}

resource "azurerm_network_security_rule" "fixture_ntp_in_udp_v6" {
  name                        = "fixture-ntp-in-udp-v6"
  priority                    = 200
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_port_range           = "*"
  destination_port_ranges     = ["123"]
  source_address_prefixes     = ["2001:db8:20::10"]
  destination_address_prefix  = "*"
  description                 = "fixture/ntp ref §6: Flow ntp"
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw.name
}

resource "azurerm_network_security_rule" "fixture_ntp_out_udp_v4" {
  name                        = "fixture-ntp-out-udp-v4"
  priority                    = 190
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_port_range           = "*"
  destination_port_ranges     = ["123"]
  source_address_prefixes     = ["10.20.0.10"]
  destination_address_prefix  = "*"
  description                 = "fixture/ntp ref §6: Flow ntp"
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw.name
}

resource "azurerm_network_security_rule" "fixture_ntp_out_udp_v6" {
  name                        = "fixture-ntp-out-udp-v6"
  priority                    = 200
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_port_range           = "*"
  destination_port_ranges     = ["123"]
  source_address_prefixes     = ["2001:db8:20::10"]
  destination_address_prefix  = "*"
  description                 = "fixture/ntp ref §6: Flow ntp"
  resource_group_name         = var.resource_group_name
  network_security_group_name = azurerm_network_security_group.fw.name
}

resource "azurerm_network_security_rule" "fixture_webhooks_in_tcp_v4" {
  name                         = "fixture-webhooks-in-tcp-v4"
  priority                     = 210
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["3128"]
  source_address_prefixes      = ["10.20.0.10"]
  destination_address_prefixes = ["10.20.4.8"]
  description                  = "fixture/webhooks ref §7 webhooks leg 1/2: Flow webhooks"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw.name
}

resource "azurerm_network_security_rule" "fixture_webhooks_out_tcp_v4" {
  name                         = "fixture-webhooks-out-tcp-v4"
  priority                     = 210
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["3128"]
  source_address_prefixes      = ["10.20.0.10"]
  destination_address_prefixes = ["10.20.4.8"]
  description                  = "fixture/webhooks ref §7 webhooks leg 1/2: Flow webhooks"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw.name
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
  network_security_group_name = azurerm_network_security_group.fw.name
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
  network_security_group_name = azurerm_network_security_group.fw.name
}
