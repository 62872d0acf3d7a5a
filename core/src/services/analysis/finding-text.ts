import type { FindingCode } from '../../domain/findings';

type Text = { ja: string; en: string };

/**
 * How each finding is put to a cook. The why here is the fallback: when the knowledge base has a
 * principle for the dish that addresses the finding, its own why is used instead.
 */
export const FINDING_TEXT: Record<FindingCode, { problem: Text; why: Text; sight: Text; sound: Text }> = {
  pan_not_hot: {
    problem: { ja: '具材を入れたとき、鍋（油）の温度が足りていませんでした。', en: 'The pan (and oil) was not hot enough when the ingredients went in.' },
    why: { ja: '温度が低いと表面の水分がすぐに飛ばず、焼く前に煮えてしまい、べちゃっとしたり鍋に張り付いたりします。', en: 'A pan that is not hot enough cannot drive off surface moisture at once, so the food stews before it fries: it turns soggy and sticks.' },
    sight: { ja: '具材が入った瞬間に湯気と油はねが立つか', en: 'whether steam and spatter rise the moment the food goes in' },
    sound: { ja: '入れた瞬間の「ジュワッ」という音の大きさ', en: 'how loud the sizzle is the instant the food lands' },
  },
  heat_dropped: {
    problem: { ja: '具材を入れた後に鍋の温度が下がり、勢いが戻りませんでした。', en: 'The pan lost its heat after the ingredients went in and never recovered.' },
    why: { ja: '一度に入れる量が多いと鍋の熱が奪われ、水分が出て炒めではなく蒸し煮になります。', en: 'Too much at once pulls the heat out of the pan; water leaks out and the food steams instead of frying.' },
    sight: { ja: '鍋底に水分がたまっていないか', en: 'whether liquid pools in the pan' },
    sound: { ja: '音が「ジュー」から「シュー」と弱くなる瞬間', en: 'the moment the sizzle fades to a soft hiss' },
  },
  not_moving: {
    problem: { ja: '炒めている途中、長く手が止まっていました。', en: 'The food sat untouched for long stretches while it fried.' },
    why: { ja: '強火で動かさないと鍋に触れている面だけが焦げ、ほかは火が通らずムラになります。', en: 'On high heat, food that is not moved scorches where it touches the pan and stays underdone elsewhere.' },
    sight: { ja: '鍋の中が止まっている時間', en: 'how long the pan stays still' },
    sound: { ja: '音が一か所で強くなり続けていないか', en: 'a sizzle that keeps building in one spot' },
  },
  moved_too_much: {
    problem: { ja: '焼き色がつく前に動かしすぎていました。', en: 'The food was moved too often to brown.' },
    why: { ja: '焼き色（メイラード反応）は表面が鍋に触れ続けて高温になったときにだけ起こります。動かすたびに温度がリセットされます。', en: 'Browning (the Maillard reaction) only happens while the surface stays in hot contact with the pan; every move resets it.' },
    sight: { ja: '返す前の面の色', en: 'the colour of the underside before turning' },
    sound: { ja: '触らずに待つ間の一定した焼ける音', en: 'the steady frying sound while you leave it alone' },
  },
  too_long_on_heat: {
    problem: { ja: '火にかけている時間が長すぎました。', en: 'It stayed on the heat too long.' },
    why: { ja: '必要以上の加熱でたんぱく質が縮み水分が抜け、固く・パサつきます。', en: 'Heating past what it needs tightens the proteins and drives out moisture: dry and tough.' },
    sight: { ja: '火を止めるべきだった時点の色とツヤ', en: 'the colour and sheen when it should have come off' },
    sound: { ja: '水分が抜けて音が乾いた高い音に変わるところ', en: 'the sizzle turning dry and sharp as moisture runs out' },
  },
  too_short: {
    problem: { ja: '加熱時間が短く、火の通りが足りなかった可能性があります。', en: 'It cooked too briefly and may be underdone.' },
    why: { ja: '中心まで熱が届くには時間が必要です。表面の色だけで判断すると中が生のままになります。', en: 'Heat needs time to reach the centre; judging by the surface alone leaves the inside raw.' },
    sight: { ja: '火を止めたときの色', en: 'the colour when the heat went off' },
    sound: { ja: '加熱の終わりの音の落ち着き方', en: 'how the sizzle settled at the end' },
  },
  heat_too_low: {
    problem: { ja: '全体を通して火力が弱く、焼くより蒸している状態でした。', en: 'The heat was low throughout: it steamed rather than fried.' },
    why: { ja: '油の温度が十分でないと表面が固まらず、香ばしさも出ません。', en: 'Without enough oil temperature the surface never sets and no roasted flavour develops.' },
    sight: { ja: '油の表面のゆらぎと具材まわりの泡', en: 'the shimmer of the oil and the bubbles around the food' },
    sound: { ja: '終始小さな音しかしていないこと', en: 'a quiet pan from start to finish' },
  },
  scorch_risk: {
    problem: { ja: '終盤、強火のまま手が止まり焦げやすい状態でした。', en: 'Near the end it fried hard with nobody moving it: a scorch risk.' },
    why: { ja: '水分が減った終盤は温度が急に上がり、数十秒で焦げます。', en: 'Late in the cook, with little moisture left, the temperature climbs fast and food burns within seconds.' },
    sight: { ja: '鍋肌の色と煙', en: 'the pan surface colour and any smoke' },
    sound: { ja: 'パチパチと乾いた鋭い音', en: 'a dry, crackling sizzle' },
  },
};
