/**
 * Everyday words that faker's English word lists miss but that open sentences or headings in staff
 * notes, and that some locale lists carry as names: kept ambiguous (given names) or dropped (surnames).
 * UK towns that are also given names are here too (faker's British lists hold no towns).
 */
export const EVERYDAY: readonly string[] = `
chance price judge hale hardy noble fern opal garnet drake charity patience prudence constance
felicity harmony lyric paris sydney chelsea dung page case will wade cash story grant rich bishop
bond field lane ward gate cross marsh moon star storm knight mason baker carpenter cook archer rider
glass steel iron silver short small large strong lucky happy merry cliff glen ocean birch oak ash
crystal coral onyx sapphire topaz jasper rock flint misty stormy windy wolf bear hawk crane swan wren
lark finch dove sparrow mercy honor honour verity unity liberty echo denver memphis nevada indiana
tennessee virginia africa china india roma valid
bradford preston chester lincoln carlisle hastings stafford kendal darwin denton clifton ashton
milton crewe barry derby kingston warwick ely wells bath hull stockton sutton luton ilford morley
bury wigan bolton halifax burnley dudley walsall selby whitby
mac dev rod ban cam nil sim tre ova oma ala apa ama

`
  .split(/\s+/)
  .filter(Boolean);
