// Invalid (R6): app Orders lists module Orders_CS twice.
// Must report: environments.prod.apps.Orders.modules[2]: R6: duplicate module "Orders_CS".
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: { fe1: {} },
      apps: { Orders: { modules: ['Orders', 'Orders_CS', 'Orders_CS'] } },
    },
  },
}
