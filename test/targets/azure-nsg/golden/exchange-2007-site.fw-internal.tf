# flowmatrix: site exchange-2007-example, firewall fw-internal (Azure NSG). Generated: change the catalog or the site, not this file.
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
  name                = "flowmatrix-exchange-2007-example-fw-internal"
  location            = var.location
  resource_group_name = var.resource_group_name
}

resource "azurerm_network_security_rule" "exchange-2007_hub-to-edge-smtp_in_tcp_v4" {
  name                         = "exchange-2007-hub-to-edge-smtp-in-tcp-v4"
  priority                     = 100
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["25"]
  source_address_prefixes      = ["10.30.1.21", "10.30.1.22"]
  destination_address_prefixes = ["172.16.60.25"]
  description                  = "exchange-2007/hub-to-edge-smtp ref Transport table, row 2: Outbound mail to the Edge server"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "exchange-2007_hub-to-edge-smtp_out_tcp_v4" {
  name                         = "exchange-2007-hub-to-edge-smtp-out-tcp-v4"
  priority                     = 100
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["25"]
  source_address_prefixes      = ["10.30.1.21", "10.30.1.22"]
  destination_address_prefixes = ["172.16.60.25"]
  description                  = "exchange-2007/hub-to-edge-smtp ref Transport table, row 2: Outbound mail to the Edge server"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "exchange-2007_edge-to-hub-smtp_in_tcp_v4" {
  name                         = "exchange-2007-edge-to-hub-smtp-in-tcp-v4"
  priority                     = 110
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["25"]
  source_address_prefixes      = ["172.16.60.25"]
  destination_address_prefixes = ["10.30.1.21", "10.30.1.22"]
  description                  = "exchange-2007/edge-to-hub-smtp ref Transport table, row 3: Inbound mail into the organisation"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "exchange-2007_edge-to-hub-smtp_out_tcp_v4" {
  name                         = "exchange-2007-edge-to-hub-smtp-out-tcp-v4"
  priority                     = 110
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["25"]
  source_address_prefixes      = ["172.16.60.25"]
  destination_address_prefixes = ["10.30.1.21", "10.30.1.22"]
  description                  = "exchange-2007/edge-to-hub-smtp ref Transport table, row 3: Inbound mail into the organisation"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "exchange-2007_hub-to-edge-edgesync-ldaps_in_tcp_v4" {
  name                         = "exchange-2007-hub-to-edge-edgesync-ldaps-in-tcp-v4"
  priority                     = 120
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["50636"]
  source_address_prefixes      = ["10.30.1.21", "10.30.1.22"]
  destination_address_prefixes = ["172.16.60.25"]
  description                  = "exchange-2007/hub-to-edge-edgesync-ldaps ref Transport table, row 8: Replication to the Edge server's ADAM, SSL port"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "exchange-2007_hub-to-edge-edgesync-ldaps_out_tcp_v4" {
  name                         = "exchange-2007-hub-to-edge-edgesync-ldaps-out-tcp-v4"
  priority                     = 120
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["50636"]
  source_address_prefixes      = ["10.30.1.21", "10.30.1.22"]
  destination_address_prefixes = ["172.16.60.25"]
  description                  = "exchange-2007/hub-to-edge-edgesync-ldaps ref Transport table, row 8: Replication to the Edge server's ADAM, SSL port"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "exchange-2007_hub-to-edge-edgesync-ldap_in_tcp_v4" {
  name                         = "exchange-2007-hub-to-edge-edgesync-ldap-in-tcp-v4"
  priority                     = 130
  direction                    = "Inbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["50389"]
  source_address_prefixes      = ["10.30.1.21", "10.30.1.22"]
  destination_address_prefixes = ["172.16.60.25"]
  description                  = "exchange-2007/hub-to-edge-edgesync-ldap ref Transport table, row 8 + exchange-2007/edge-adam-ldap ref Transport table, row 9: Replication to"
  resource_group_name          = var.resource_group_name
  network_security_group_name  = azurerm_network_security_group.fw-internal.name
}

resource "azurerm_network_security_rule" "exchange-2007_hub-to-edge-edgesync-ldap_out_tcp_v4" {
  name                         = "exchange-2007-hub-to-edge-edgesync-ldap-out-tcp-v4"
  priority                     = 130
  direction                    = "Outbound"
  access                       = "Allow"
  protocol                     = "Tcp"
  source_port_range            = "*"
  destination_port_ranges      = ["50389"]
  source_address_prefixes      = ["10.30.1.21", "10.30.1.22"]
  destination_address_prefixes = ["172.16.60.25"]
  description                  = "exchange-2007/hub-to-edge-edgesync-ldap ref Transport table, row 8 + exchange-2007/edge-adam-ldap ref Transport table, row 9: Replication to"
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
