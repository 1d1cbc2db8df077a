{ value: 'sibling' }
