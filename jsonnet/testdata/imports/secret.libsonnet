// Outside the source folder: no import from imports/src may read this file.
{ secret: 'outside' }
