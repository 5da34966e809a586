import { defineMessages } from '../catalogue';

/** Lot and serial scans refused at the bench (app/packing/lot-scan.ts). */
export const lots = defineMessages(
  {
    'lots.serialAgain': 'Serial {serial} of {product} was already scanned in {picking} — scan another unit',
    'lots.tooMany': 'Too many {product}: all {quantity} already scanned — put the extra one aside',
    'lots.unknown': 'Unknown lot/serial {code} for {product}: Odoo has no lot or serial of that name in stock here — scan another unit or a product of {picking}',
    'lots.unknownNear': 'Unknown lot/serial {code} for {product} (lot names are case-sensitive: Odoo has {near}) — scan another unit or a product of {picking}',
  },
  {
    de: {
      'lots.serialAgain': 'Seriennummer {serial} von {product} wurde in {picking} bereits gescannt – scannen Sie ein anderes Stück',
      'lots.tooMany': 'Zu viele {product}: alle {quantity} sind bereits gescannt – legen Sie das überzählige Stück beiseite',
      'lots.unknown':
        'Unbekanntes Los bzw. unbekannte Seriennummer {code} für {product}: Odoo hat hier kein Los und keine Seriennummer dieses Namens auf Lager – scannen Sie ein anderes Stück oder einen Artikel von {picking}',
      'lots.unknownNear':
        'Unbekanntes Los bzw. unbekannte Seriennummer {code} für {product} (Groß- und Kleinschreibung zählen: Odoo hat {near}) – scannen Sie ein anderes Stück oder einen Artikel von {picking}',
    },
    fr: {
      'lots.serialAgain': 'Le numéro de série {serial} de {product} a déjà été scanné dans {picking} — scannez une autre unité',
      'lots.tooMany': 'Trop de {product} : les {quantity} sont déjà scannés — mettez l’article en trop de côté',
      'lots.unknown':
        'Lot ou numéro de série inconnu {code} pour {product} : Odoo n’a ici aucun lot ni numéro de série de ce nom en stock — scannez une autre unité ou un article de {picking}',
      'lots.unknownNear':
        'Lot ou numéro de série inconnu {code} pour {product} (les noms de lot distinguent majuscules et minuscules : Odoo a {near}) — scannez une autre unité ou un article de {picking}',
    },
    es: {
      'lots.serialAgain': 'El número de serie {serial} de {product} ya se escaneó en {picking}: escanee otra unidad',
      'lots.tooMany': 'Demasiados {product}: ya se escanearon las {quantity} unidades; aparte la que sobra',
      'lots.unknown':
        'Lote o número de serie desconocido {code} para {product}: Odoo no tiene aquí en stock ningún lote ni número de serie con ese nombre; escanee otra unidad o un producto de {picking}',
      'lots.unknownNear':
        'Lote o número de serie desconocido {code} para {product} (los nombres de lote distinguen mayúsculas y minúsculas: Odoo tiene {near}); escanee otra unidad o un producto de {picking}',
    },
  },
);
