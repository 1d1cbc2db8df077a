local countdown(n) = countdown(n + 1);
{ name: 'loop', environments: { dev: { purpose: countdown(0) } } }
