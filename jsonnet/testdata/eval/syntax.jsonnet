{
  name: 'broken',
  environments: {
    dev: { purpose: 'development' ,, },
  },
}
